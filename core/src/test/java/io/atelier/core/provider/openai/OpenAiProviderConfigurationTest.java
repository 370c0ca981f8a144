package io.atelier.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import io.atelier.core.fetch.FetchProperties;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

class OpenAiProviderConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(SafeHttpFetcher.class, () -> new SafeHttpFetcher(FetchProperties.defaults()))
            .withUserConfiguration(OpenAiProviderConfiguration.class);

    @Test
    void offWithoutBaseUrlOrApiKey() {
        runner.withPropertyValues("atelier.providers.openai.models=dall-e-3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ImageProvider.class);
                    assertThat(context).doesNotHaveBean(OpenAiProviderProperties.class);
                });
    }

    @Test
    void offWhenTheValuesAreEmpty() {
        runner.withPropertyValues("atelier.providers.openai.base-url=", "atelier.providers.openai.api-key= ")
                .run(context -> assertThat(context).doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void onWithBaseUrlAlone() {
        runner.withPropertyValues("atelier.providers.openai.base-url=http://127.0.0.1:9/v1/")
                .run(context -> {
                    assertThat(context).hasSingleBean(ImageProvider.class);
                    ImageProvider provider = context.getBean(ImageProvider.class);
                    assertThat(provider.id()).isEqualTo("openai");
                    assertThat(provider.models()).extracting(ModelDescriptor::id).containsExactly("openai/gpt-image-1");
                    assertThat(context.getBean(OpenAiProviderProperties.class).baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
                    assertThat(context.getBean(OpenAiProviderProperties.class).apiKey()).isNull();
                });
    }

    @Test
    void onWithApiKeyAloneTalkingToOpenAi() {
        runner.withPropertyValues("atelier.providers.openai.api-key=sk-live-secret")
                .run(context -> {
                    assertThat(context).hasSingleBean(ImageProvider.class);
                    OpenAiProviderProperties properties = context.getBean(OpenAiProviderProperties.class);
                    assertThat(properties.baseUrl()).isEqualTo("https://api.openai.com/v1");
                    assertThat(properties.apiKey()).isEqualTo("sk-live-secret");
                    assertThat(properties.toString()).doesNotContain("sk-live-secret").contains("apiKey=****");
                });
    }

    @Test
    void onFromEnvironmentVariablesByRelaxedBinding() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "ATELIER_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                                "ATELIER_PROVIDERS_OPENAI_MODELS", "dall-e-2,sd-turbo"))))
                .run(context -> {
                    assertThat(context).hasSingleBean(ImageProvider.class);
                    assertThat(context.getBean(ImageProvider.class).models()).extracting(ModelDescriptor::id)
                            .containsExactly("openai/dall-e-2", "openai/sd-turbo");
                });
    }

    @Test
    void bindsDurationsListsAndMaps() {
        runner.withPropertyValues(
                        "atelier.providers.openai.base-url=https://api.apertis.ai/v1",
                        "atelier.providers.openai.api-key=sk-apertis",
                        "atelier.providers.openai.organization=org-42",
                        "atelier.providers.openai.models=dall-e-3, gpt-image-1.5",
                        "atelier.providers.openai.credit-costs[dall-e-3]=6",
                        "atelier.providers.openai.connect-timeout=750ms",
                        "atelier.providers.openai.read-timeout=3m",
                        "atelier.providers.openai.max-attempts=5",
                        "atelier.providers.openai.initial-backoff=100ms",
                        "atelier.providers.openai.max-backoff=2s",
                        "atelier.providers.openai.max-retry-after=30s",
                        "atelier.providers.openai.max-response-size=64MB")
                .run(context -> {
                    OpenAiProviderProperties p = context.getBean(OpenAiProviderProperties.class);
                    assertThat(p.models()).isEqualTo(List.of("dall-e-3", "gpt-image-1.5"));
                    assertThat(p.organization()).isEqualTo("org-42");
                    assertThat(p.connectTimeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(p.readTimeout()).isEqualTo(Duration.ofMinutes(3));
                    assertThat(p.maxAttempts()).isEqualTo(5);
                    assertThat(p.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(100));
                    assertThat(p.retryPolicy().maxBackoff()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.retryPolicy().maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(64));
                    assertThat(context.getBean(ImageProvider.class).models())
                            .extracting(ModelDescriptor::id, ModelDescriptor::creditCost)
                            .containsExactly(
                                    Tuple.tuple("openai/dall-e-3", 6),
                                    Tuple.tuple("openai/gpt-image-1.5", 4));
                });
    }

    @Test
    void invalidSettingsFailTheStart() {
        runner.withPropertyValues("atelier.providers.openai.base-url=ftp://files.example/v1")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.openai.api-key=k", "atelier.providers.openai.max-attempts=0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.openai.api-key=k", "atelier.providers.openai.read-timeout=0s")
                .run(context -> assertThat(context).hasFailed());
    }
}
