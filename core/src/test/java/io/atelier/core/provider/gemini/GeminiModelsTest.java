package io.atelier.core.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.Resolution;

class GeminiModelsTest {

    @Test
    void flash25ListsTenRatiosAtOneK() {
        ModelDescriptor model = GeminiModels.describe("gemini-2.5-flash-image", Map.of());
        ModelCapabilities caps = model.capabilities();
        assertThat(model.id()).isEqualTo("gemini/gemini-2.5-flash-image");
        assertThat(caps.sizes()).hasSize(10).contains(new ImageSize(1024, 1024), new ImageSize(1344, 768), new ImageSize(1536, 672));
        assertThat(caps.edits()).isTrue();
        assertThat(caps.negativePrompt()).isFalse();
        assertThat(caps.seed()).isFalse();
        assertThat(caps.maxCount()).isEqualTo(4);
        assertThat(model.creditCost()).isEqualTo(4);
        assertThat(caps.sizeFor(AspectRatio.parse("16:9").orElseThrow(), Resolution.R4K)).isEqualTo(new ImageSize(1344, 768));
    }

    @Test
    void gemini3ListsEveryRatioAtEveryResolutionAndTheServicePicksTheTier() {
        ModelDescriptor model = GeminiModels.describe("gemini-3-pro-image-preview", Map.of("gemini-3-pro-image-preview", 20));
        ModelCapabilities caps = model.capabilities();
        assertThat(caps.sizes()).hasSize(30);
        assertThat(model.creditCost()).isEqualTo(20);
        AspectRatio wide = AspectRatio.parse("16:9").orElseThrow();
        assertThat(caps.sizeFor(wide, Resolution.R1K)).isEqualTo(new ImageSize(1376, 768));
        assertThat(caps.sizeFor(wide, Resolution.R2K)).isEqualTo(new ImageSize(2752, 1536));
        assertThat(caps.sizeFor(wide, Resolution.R4K)).isEqualTo(new ImageSize(5504, 3072));
        assertThat(caps.sizeFor(AspectRatio.SQUARE, Resolution.R2K)).isEqualTo(new ImageSize(2048, 2048));
        GeminiModels.Family family = GeminiModels.familyOf("gemini-3-pro-image-preview");
        assertThat(family.shape(new ImageSize(5504, 3072))).contains(new GeminiModels.Shape("16:9", Resolution.R4K));
        assertThat(family.takesImageSize()).isTrue();
        assertThat(GeminiModels.familyOf("gemini-3.1-flash-image-preview")).isEqualTo(GeminiModels.Family.FLASH_3);
        assertThat(GeminiModels.familyOf("gemini-2.5-flash-image-preview").takesImageSize()).isFalse();
    }
}
