package io.atelier.core.api.openai;

import io.atelier.core.routing.ModelRouter;
import io.atelier.core.routing.ModelsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.local.LocalPreviewProvider;
import io.atelier.core.provider.local.LocalProviderProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** Model names: catalog ids and aliases from properties, checked at start-up; unknown names are OpenAI's 404. */
class OpenAiModelNamesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OpenAiCompatProperties.class, ModelsProperties.class})
    static class Wiring {
        @Bean
        ModelCatalog catalog() {
            List<ImageProvider> providers = List.of(new LocalPreviewProvider(LocalProviderProperties.defaults()));
            return new ModelCatalog(providers, "");
        }

        @Bean
        ModelRouter router(ModelCatalog catalog, ModelsProperties properties) {
            return new ModelRouter(catalog, properties);
        }

        @Bean
        OpenAiModelNames names(ModelCatalog catalog, ModelRouter router, OpenAiCompatProperties properties) {
            return new OpenAiModelNames(catalog, router, properties);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void aliasesBindFromPropertiesAndResolveToTheirTarget() {
        runner.withPropertyValues("atelier.openai-compat.aliases.gpt-image-1=local/preview",
                        "atelier.openai-compat.aliases[gpt-image-1.5]=local/preview",
                        "atelier.openai-compat.aliases.dall-e-3=local/preview",
                        "atelier.openai-compat.max-wait=45s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OpenAiModelNames names = context.getBean(OpenAiModelNames.class);
                    assertThat(names.aliases()).containsOnlyKeys("dall-e-3", "gpt-image-1", "gpt-image-1.5");
                    OpenAiModelNames.ResolvedModel gpt = names.resolve("gpt-image-1");
                    assertThat(gpt.model().id()).isEqualTo("local/preview");
                    assertThat(gpt.gptImageFamily()).isTrue();
                    assertThat(names.resolve("dall-e-3").gptImageFamily()).isFalse();
                    assertThat(names.resolve("local/preview").requestedName()).isEqualTo("local/preview");
                    assertThat(context.getBean(OpenAiCompatProperties.class).maxWait()).hasSeconds(45);
                });
    }

    @Test
    void seedNamesGoToThePreviewUnlessTheFallbackIsOff() {
        runner.run(context -> {
            OpenAiModelNames names = context.getBean(OpenAiModelNames.class);
            for (String seedName : List.of("gpt-image-1", "dall-e-2", "dall-e-3", "gpt-image-1-all", "flux-kontext-pro")) {
                assertThat(names.resolve(seedName).model().id()).isEqualTo("local/preview");
            }
            assertThatThrownBy(() -> names.resolve("gpt-image-7")).isInstanceOf(OpenAiApiException.class);
        });
    }

    @Test
    void unknownNamesAreOpenAisModelNotFoundAndNeverSubstituted() {
        runner.withPropertyValues("atelier.openai-compat.aliases.dall-e-3=local/preview",
                "atelier.models.preview-fallback=false").run(context -> {
            OpenAiModelNames names = context.getBean(OpenAiModelNames.class);
            for (String unknown : List.of("gpt-image-1", "dall-e-2", "local/Preview", " local/preview", "", "local")) {
                assertThatThrownBy(() -> names.resolve(unknown))
                        .isInstanceOfSatisfying(OpenAiApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                            assertThat(e.code()).isEqualTo("model_not_found");
                            assertThat(e.param()).isEqualTo("model");
                            assertThat(e.type()).isEqualTo("invalid_request_error");
                            assertThat(e.getMessage()).isEqualTo("The model '" + unknown + "' does not exist");
                        });
            }
        });
    }

    @Test
    void withoutAModelTheDallE2AliasIsUsedElseTheCatalogDefault() {
        runner.run(context -> {
            OpenAiModelNames.ResolvedModel resolved = context.getBean(OpenAiModelNames.class).resolve(null);
            assertThat(resolved.model().id()).isEqualTo("local/preview");
            assertThat(resolved.requestedName()).isEqualTo("dall-e-2");
        });
        runner.withPropertyValues("atelier.openai-compat.aliases.dall-e-2=local/preview").run(context ->
                assertThat(context.getBean(OpenAiModelNames.class).resolve(null).model().id()).isEqualTo("local/preview"));
    }

    @Test
    void anAliasToAnUnknownModelStopsTheStartWithAClearMessage() {
        runner.withPropertyValues("atelier.openai-compat.aliases.gpt-image-1=openai/gpt-image-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("alias 'gpt-image-1' points at 'openai/gpt-image-1', which is not a model of the catalog")
                    .hasMessageContaining("catalog models: local/preview");
        });
    }

    @Test
    void anAliasMayNotHideACatalogId() {
        runner.withPropertyValues("atelier.openai-compat.aliases[local/preview]=local/preview").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("alias 'local/preview' has the name of a catalog model");
        });
    }

    @Test
    void maxWaitMustBePositive() {
        runner.withPropertyValues("atelier.openai-compat.max-wait=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("max-wait must be positive");
        });
    }
}
