package io.atelier.core.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

class GeminiProviderConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(GeminiProviderConfiguration.class);

    @Test
    void offWithoutAnApiKeyEvenWithABaseUrl() {
        runner.withPropertyValues("atelier.providers.gemini.base-url=http://127.0.0.1:9/v1beta",
                        "atelier.providers.gemini.models=gemini-3-pro-image-preview")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ImageProvider.class);
                    assertThat(context).doesNotHaveBean(GeminiProviderProperties.class);
                });
        runner.withPropertyValues("atelier.providers.gemini.api-key= ")
                .run(context -> assertThat(context).doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void onWithAnApiKeyTalkingToGoogle() {
        runner.withPropertyValues("atelier.providers.gemini.api-key=AIza-secret")
                .run(context -> {
                    assertThat(context).hasSingleBean(ImageProvider.class);
                    ImageProvider provider = context.getBean(ImageProvider.class);
                    assertThat(provider.id()).isEqualTo("gemini");
                    assertThat(provider.models()).extracting(ModelDescriptor::id).containsExactly("gemini/gemini-2.5-flash-image");
                    GeminiProviderProperties properties = context.getBean(GeminiProviderProperties.class);
                    assertThat(properties.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta");
                    assertThat(properties.toString()).doesNotContain("AIza-secret").contains("apiKey=****");
                });
    }

    @Test
    void onFromEnvironmentVariablesAndBindsEverySetting() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "ATELIER_PROVIDERS_GEMINI_API_KEY", "AIza-env",
                                "ATELIER_PROVIDERS_GEMINI_MODELS", "gemini-2.5-flash-image,gemini-3-pro-image-preview"))))
                .withPropertyValues(
                        "atelier.providers.gemini.base-url=https://gateway.example/gemini/v1beta/",
                        "atelier.providers.gemini.credit-costs[gemini-3-pro-image-preview]=20",
                        "atelier.providers.gemini.connect-timeout=750ms",
                        "atelier.providers.gemini.read-timeout=5m",
                        "atelier.providers.gemini.max-attempts=5",
                        "atelier.providers.gemini.initial-backoff=100ms",
                        "atelier.providers.gemini.max-backoff=2s",
                        "atelier.providers.gemini.max-retry-after=30s",
                        "atelier.providers.gemini.max-response-size=96MB")
                .run(context -> {
                    GeminiProviderProperties p = context.getBean(GeminiProviderProperties.class);
                    assertThat(p.apiKey()).isEqualTo("AIza-env");
                    assertThat(p.baseUrl()).isEqualTo("https://gateway.example/gemini/v1beta");
                    assertThat(p.models()).isEqualTo(List.of("gemini-2.5-flash-image", "gemini-3-pro-image-preview"));
                    assertThat(p.connectTimeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(p.readTimeout()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(p.retryPolicy().maxAttempts()).isEqualTo(5);
                    assertThat(p.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(100));
                    assertThat(p.retryPolicy().maxBackoff()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.retryPolicy().maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(96));
                    assertThat(context.getBean(ImageProvider.class).models())
                            .extracting(ModelDescriptor::id, ModelDescriptor::creditCost)
                            .containsExactly(Tuple.tuple("gemini/gemini-2.5-flash-image", 4),
                                    Tuple.tuple("gemini/gemini-3-pro-image-preview", 20));
                });
    }

    @Test
    void invalidSettingsFailTheStart() {
        runner.withPropertyValues("atelier.providers.gemini.api-key=k", "atelier.providers.gemini.base-url=ftp://x/v1beta")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.gemini.api-key=k", "atelier.providers.gemini.max-attempts=0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.gemini.api-key=k", "atelier.providers.gemini.credit-costs[x]=-1")
                .run(context -> assertThat(context).hasFailed());
    }
}
