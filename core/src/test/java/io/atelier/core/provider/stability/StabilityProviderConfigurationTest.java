package io.atelier.core.provider.stability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelDescriptor;

class StabilityProviderConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(StabilityProviderConfiguration.class);

    @Test
    void offWithoutAnApiKey() {
        runner.withPropertyValues("atelier.providers.stability.base-url=http://127.0.0.1:9")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ImageProvider.class);
                });
        runner.withPropertyValues("atelier.providers.stability.api-key=")
                .run(context -> assertThat(context).doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void onWithAnApiKeyListingTheDefaultModelsWithTheirCapabilities() {
        runner.withPropertyValues("atelier.providers.stability.api-key=sk-stab-secret")
                .run(context -> {
                    ImageProvider provider = context.getBean(ImageProvider.class);
                    assertThat(provider.id()).isEqualTo("stability");
                    assertThat(provider.models()).extracting(ModelDescriptor::id, ModelDescriptor::creditCost,
                                    m -> m.capabilities().edits(), m -> m.capabilities().negativePrompt(), m -> m.capabilities().seed())
                            .containsExactly(
                                    Tuple.tuple("stability/ultra", 8, true, true, true),
                                    Tuple.tuple("stability/core", 3, false, true, true),
                                    Tuple.tuple("stability/sd3.5-large", 7, true, true, true));
                    assertThat(provider.models().getFirst().capabilities().sizes()).hasSize(9)
                            .contains(new ImageSize(1024, 1024), new ImageSize(1360, 765));
                    assertThat(provider.models().getFirst().promptLimit()).isEqualTo(10_000);
                    StabilityProviderProperties p = context.getBean(StabilityProviderProperties.class);
                    assertThat(p.baseUrl()).isEqualTo("https://api.stability.ai");
                    assertThat(p.outputFormat()).isEqualTo("png");
                    assertThat(p.toString()).doesNotContain("sk-stab-secret");
                });
    }

    @Test
    void bindsFromEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "ATELIER_PROVIDERS_STABILITY_API_KEY", "sk-env",
                                "ATELIER_PROVIDERS_STABILITY_MODELS", "core,sd3.5-flash",
                                "ATELIER_PROVIDERS_STABILITY_OUTPUT_FORMAT", "JPEG",
                                "ATELIER_PROVIDERS_STABILITY_READ_TIMEOUT", "90s"))))
                .run(context -> {
                    StabilityProviderProperties p = context.getBean(StabilityProviderProperties.class);
                    assertThat(p.outputFormat()).isEqualTo("jpeg");
                    assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(context.getBean(ImageProvider.class).models()).extracting(ModelDescriptor::id, ModelDescriptor::creditCost)
                            .containsExactly(Tuple.tuple("stability/core", 3), Tuple.tuple("stability/sd3.5-flash", 3));
                });
    }

    @Test
    void invalidSettingsFailTheStart() {
        runner.withPropertyValues("atelier.providers.stability.api-key=k", "atelier.providers.stability.models=dall-e-3")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.stability.api-key=k", "atelier.providers.stability.output-format=gif")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.providers.stability.api-key=k", "atelier.providers.stability.base-url=not a url")
                .run(context -> assertThat(context).hasFailed());
    }
}
