package io.atelier.core.provider.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/** The comfyui provider is on exactly when its base URL has text; its workflows are checked at start. */
class ComfyUiConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ComfyUiConfiguration.class);

    @Test
    void offWithoutABaseUrl() {
        runner.withPropertyValues("atelier.providers.comfyui.base-url=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void onWithTheShippedWorkflowsAndEditsWhenTheImg2ImgWorkflowIsSet() {
        runner.withPropertyValues("atelier.providers.comfyui.base-url=http://127.0.0.1:8188",
                        "atelier.providers.comfyui.models=sdxl.safetensors")
                .run(context -> {
                    ImageProvider provider = context.getBean(ImageProvider.class);
                    assertThat(provider.models()).extracting(ModelDescriptor::id).containsExactly("comfyui/sdxl.safetensors");
                    assertThat(provider.models().getFirst().capabilities().edits()).isFalse();
                });
        runner.withPropertyValues("atelier.providers.comfyui.base-url=http://127.0.0.1:8188",
                        "atelier.providers.comfyui.edit-workflow=classpath:comfyui/img2img-workflow.json")
                .run(context -> assertThat(context.getBean(ImageProvider.class).models().getFirst().capabilities().edits()).isTrue());
    }

    @Test
    void aWrongNodeMappingFailsTheStart() {
        runner.withPropertyValues("atelier.providers.comfyui.base-url=http://127.0.0.1:8188",
                        "atelier.providers.comfyui.nodes.latent=Positive Prompt")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("atelier.providers.comfyui.nodes.latent: node 6 (CLIPTextEncode) has no width input"));
        runner.withPropertyValues("atelier.providers.comfyui.base-url=http://127.0.0.1:8188",
                        "atelier.providers.comfyui.edit-workflow=classpath:comfyui/txt2img-workflow.json")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("atelier.providers.comfyui.edit-nodes.latent names no node of the workflow: 12"));
    }
}
