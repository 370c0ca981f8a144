package io.atelier.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.Resolution;

class OpenAiModelsTest {

    @ParameterizedTest
    @CsvSource({
            "dall-e-2, DALL_E_2", "DALL-E-3, DALL_E_3", "gpt-image-1, GPT_IMAGE", "gpt-image-1.5, GPT_IMAGE",
            "gpt-image-2, GPT_IMAGE", "openai/gpt-image-1, GPT_IMAGE", "stablediffusion, OTHER", "sd-turbo, OTHER",
            "flux-kontext-pro, OTHER", "dall-e-2-beta, OTHER"})
    void recognisesFamiliesByName(String name, OpenAiModels.Family family) {
        assertThat(OpenAiModels.familyOf(name)).isEqualTo(family);
    }

    @Test
    void dallE2() {
        ModelDescriptor m = OpenAiModels.describe("dall-e-2", Map.of());
        ModelCapabilities c = m.capabilities();

        assertThat(m.id()).isEqualTo("openai/dall-e-2");
        assertThat(c.sizes()).containsExactly(new ImageSize(1024, 1024), new ImageSize(512, 512), new ImageSize(256, 256));
        assertThat(c.maxCount()).isEqualTo(10);
        assertThat(c.edits()).isTrue();
        assertThat(c.masks()).isTrue();
        assertThat(c.transparentBackground()).isFalse();
        assertThat(m.promptLimit()).isEqualTo(1000);
        assertThat(m.creditCost()).isEqualTo(2);
    }

    @Test
    void dallE3() {
        ModelDescriptor m = OpenAiModels.describe("dall-e-3", Map.of());
        ModelCapabilities c = m.capabilities();

        assertThat(c.sizes()).containsExactly(new ImageSize(1024, 1024), new ImageSize(1792, 1024), new ImageSize(1024, 1792));
        assertThat(c.maxCount()).isEqualTo(1);
        assertThat(c.edits()).isFalse();
        assertThat(m.promptLimit()).isEqualTo(4000);
        assertThat(m.creditCost()).isEqualTo(4);
        assertThat(c.sizeFor(AspectRatio.parse("16:9").orElseThrow(), Resolution.R1K)).isEqualTo(new ImageSize(1792, 1024));
    }

    @Test
    void gptImage() {
        ModelDescriptor m = OpenAiModels.describe("gpt-image-1.5", Map.of("gpt-image-1.5", 7));
        ModelCapabilities c = m.capabilities();

        assertThat(m.id()).isEqualTo("openai/gpt-image-1.5");
        assertThat(c.sizes()).containsExactly(new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536));
        assertThat(c.maxCount()).isEqualTo(10);
        assertThat(c.edits()).isTrue();
        assertThat(c.masks()).isTrue();
        assertThat(c.transparentBackground()).isTrue();
        assertThat(m.promptLimit()).isEqualTo(32000);
        assertThat(m.creditCost()).isEqualTo(7);
        assertThat(c.sizeFor(AspectRatio.parse("2:3").orElseThrow(), Resolution.R1K)).isEqualTo(new ImageSize(1024, 1536));
    }

    @Test
    void unknownNamesTakeAnySizeUpTo2048AndNoEdits() {
        ModelDescriptor m = OpenAiModels.describe("sd-turbo", Map.of());
        ModelCapabilities c = m.capabilities();

        assertThat(c.anySize()).isTrue();
        assertThat(c.supports(new ImageSize(768, 512))).isTrue();
        assertThat(c.supports(new ImageSize(2049, 512))).isFalse();
        assertThat(c.maxCount()).isEqualTo(10);
        assertThat(c.edits()).isFalse();
        assertThat(m.promptLimit()).isEqualTo(4000);
        assertThat(m.creditCost()).isEqualTo(2);
        assertThat(m.displayName()).isEqualTo("sd-turbo");
    }

    @Test
    void noModelClaimsNegativePromptsOrSeeds() {
        for (String name : new String[] {"dall-e-2", "dall-e-3", "gpt-image-1", "sd-turbo"}) {
            ModelCapabilities c = OpenAiModels.describe(name, Map.of()).capabilities();
            assertThat(c.negativePrompt()).as(name).isFalse();
            assertThat(c.seed()).as(name).isFalse();
        }
    }
}
