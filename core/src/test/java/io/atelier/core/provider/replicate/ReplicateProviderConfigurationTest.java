package io.atelier.core.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.atelier.core.fetch.FetchProperties;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

class ReplicateProviderConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(SafeHttpFetcher.class, () -> new SafeHttpFetcher(FetchProperties.defaults()))
            .withUserConfiguration(ReplicateProviderConfiguration.class);

    @Test
    void offWithoutAnApiKey() {
        runner.withPropertyValues("atelier.providers.replicate.models=black-forest-labs/flux-dev")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ImageProvider.class);
                });
    }

    @Test
    void onWithAnApiKeyServingFluxSchnellByDefault() {
        runner.withPropertyValues("atelier.providers.replicate.api-key=r8_secret")
                .run(context -> {
                    ImageProvider provider = context.getBean(ImageProvider.class);
                    assertThat(provider.id()).isEqualTo("replicate");
                    assertThat(provider.models()).singleElement().satisfies(m -> {
                        assertThat(m.id()).isEqualTo("replicate/black-forest-labs/flux-schnell");
                        assertThat(m.name()).isEqualTo("black-forest-labs/flux-schnell");
                        assertThat(m.capabilities().maxCount()).isEqualTo(4);
                        assertThat(m.capabilities().seed()).isTrue();
                        assertThat(m.capabilities().negativePrompt()).isFalse();
                        assertThat(m.capabilities().sizes()).hasSize(11);
                    });
                    ReplicateProviderProperties p = context.getBean(ReplicateProviderProperties.class);
                    assertThat(p.baseUrl()).isEqualTo("https://api.replicate.com/v1");
                    assertThat(p.preferWait()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(p.toString()).doesNotContain("r8_secret");
                });
    }

    @Test
    void bindsModelsWithVersionsAndTimingsFromEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "ATELIER_PROVIDERS_REPLICATE_API_KEY", "r8_env",
                                "ATELIER_PROVIDERS_REPLICATE_MODELS", "black-forest-labs/flux-dev,stability-ai/sdxl:39ed52f2a78e",
                                "ATELIER_PROVIDERS_REPLICATE_PREFER_WAIT", "60s",
                                "ATELIER_PROVIDERS_REPLICATE_POLL_INTERVAL", "250ms",
                                "ATELIER_PROVIDERS_REPLICATE_MAX_DURATION", "3m"))))
                .withPropertyValues("atelier.providers.replicate.credit-costs[black-forest-labs/flux-dev]=5")
                .run(context -> {
                    ReplicateProviderProperties p = context.getBean(ReplicateProviderProperties.class);
                    assertThat(p.preferWait()).isEqualTo(Duration.ofSeconds(60));
                    assertThat(p.pollInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(p.maxDuration()).isEqualTo(Duration.ofMinutes(3));
                    assertThat(context.getBean(ImageProvider.class).models())
                            .extracting(ModelDescriptor::id, ModelDescriptor::creditCost, m -> m.capabilities().edits())
                            .containsExactly(Tuple.tuple("replicate/black-forest-labs/flux-dev", 5, true),
                                    Tuple.tuple("replicate/stability-ai/sdxl:39ed52f2a78e", 2, false));
                });
    }

    @Test
    void invalidSettingsFailTheStart() {
        runner.withPropertyValues("atelier.providers.replicate.api-key=k", "atelier.providers.replicate.models=flux")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.replicate.api-key=k", "atelier.providers.replicate.prefer-wait=61s")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.replicate.api-key=k", "atelier.providers.replicate.poll-interval=0s")
                .run(context -> assertThat(context).hasFailed());
    }
}
