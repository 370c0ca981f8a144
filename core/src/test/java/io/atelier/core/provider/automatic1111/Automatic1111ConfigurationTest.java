package io.atelier.core.provider.automatic1111;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/** The automatic1111 provider is on exactly when its base URL has text; bad settings fail the start by name. */
class Automatic1111ConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Automatic1111Configuration.class);

    @Test
    void offWithoutABaseUrlOrWithAnEmptyOne() {
        runner.withPropertyValues("atelier.providers.automatic1111.models=a")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ImageProvider.class));
        runner.withPropertyValues("atelier.providers.automatic1111.base-url= ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void onWithABaseUrlServingTheConfiguredCheckpoints() {
        runner.withPropertyValues("atelier.providers.automatic1111.base-url=http://127.0.0.1:7860/",
                        "atelier.providers.automatic1111.models=dreamshaper_8, sdxl_base",
                        "atelier.providers.automatic1111.credit-cost=2",
                        "atelier.providers.automatic1111.api-key=alice:secret")
                .run(context -> {
                    ImageProvider provider = context.getBean(ImageProvider.class);
                    assertThat(provider.models()).extracting(ModelDescriptor::id)
                            .containsExactly("automatic1111/dreamshaper_8", "automatic1111/sdxl_base");
                    assertThat(provider.models()).allSatisfy(m -> assertThat(m.creditCost()).isEqualTo(2));
                    Automatic1111Properties properties = context.getBean(Automatic1111Properties.class);
                    assertThat(properties.baseUrl()).isEqualTo("http://127.0.0.1:7860");
                    assertThat(properties.toString()).doesNotContain("secret");
                });
    }

    @Test
    void badSettingsFailTheStartNamingTheProperty() {
        runner.withPropertyValues("atelier.providers.automatic1111.base-url=http://127.0.0.1:7860",
                        "atelier.providers.automatic1111.steps=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("atelier.providers.automatic1111.steps must be 1-500"));
        runner.withPropertyValues("atelier.providers.automatic1111.base-url=ftp://user:pw@host")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("atelier.providers.automatic1111.base-url must be an http(s) URL")
                        .hasMessageNotContaining("pw"));
    }
}
