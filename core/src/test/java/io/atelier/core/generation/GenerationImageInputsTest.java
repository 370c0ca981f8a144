package io.atelier.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.ProviderRequest.Upscale;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strength, upscale and reference images checked against the model, and their stored form. */
class GenerationImageInputsTest {

    static final SourceImage PNG = new SourceImage(new byte[] {1}, "image/png");
    static final ModelDescriptor TAKES_ALL = model(new ModelCapabilities(List.of(), true, 2048, 4, true, false, true, true,
            false, 2, true, 2));
    static final ModelDescriptor TAKES_NONE = model(new ModelCapabilities(List.of(), true, 2048, 4, true, false, true, true,
            false));

    @Test
    void referencesBeyondWhatTheModelTakesAreDroppedWithAWarningThePresetsFirst() {
        List<String> warnings = new ArrayList<>();
        SourceImage preset = new SourceImage(new byte[] {9}, "image/jpeg");
        GenerationRequest request = GenerationRequest.builder(GenerationSource.API).prompt("x")
                .referenceImages(List.of(PNG, PNG)).build();

        List<SourceImage> kept = GenerationImageInputs.check(request, List.of(preset), false, 1, TAKES_ALL, warnings);

        assertThat(kept).containsExactly(preset, PNG);
        assertThat(warnings).containsExactly("model test/m takes at most 2 reference images; 1 of 3 were not used");

        warnings.clear();
        assertThat(GenerationImageInputs.check(request, List.of(), false, 1, TAKES_NONE, warnings)).isEmpty();
        assertThat(warnings).containsExactly("model test/m does not take reference images; 2 reference image(s) were not used");
    }

    @Test
    void strengthAndUpscaleNeedAnImageAndTheModelsSupport() {
        List<String> warnings = new ArrayList<>();
        GenerationRequest strong = GenerationRequest.builder(GenerationSource.API).prompt("x").strength(0.7).build();
        assertThatThrownBy(() -> GenerationImageInputs.check(strong, List.of(), false, 1, TAKES_ALL, warnings))
                .hasMessageContaining("strength needs an image to start from");
        GenerationImageInputs.check(strong, List.of(), true, 1, TAKES_NONE, warnings);
        assertThat(warnings).containsExactly("model test/m does not take a strength; it uses the image its own way");

        GenerationRequest upscale = GenerationRequest.builder(GenerationSource.API).prompt("x").upscale(new Upscale(2, 0)).build();
        assertThatThrownBy(() -> GenerationImageInputs.check(upscale, List.of(), true, 1, TAKES_NONE, warnings))
                .isInstanceOfSatisfying(GenerationValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("upscale");
                    assertThat(e.getMessage()).isEqualTo("model test/m has no upscaler");
                });
        assertThatThrownBy(() -> GenerationImageInputs.check(upscale, List.of(), true, 2, TAKES_ALL, warnings))
                .hasMessageContaining("an upscale makes one image");
        assertThat(GenerationImageInputs.check(upscale, List.of(), true, 1, TAKES_ALL, warnings)).isEmpty();
    }

    @Test
    void storedInputsRoundTripThroughTheColumnAndNoneIsNull() {
        List<String> seen = new ArrayList<>();
        GenerationRequest request = GenerationRequest.builder(GenerationSource.DISCORD).prompt("x").strength(0.35)
                .upscale(new Upscale(2, 3)).build();
        GenerationImageInputs inputs = GenerationImageInputs.store(request, Collections.nCopies(2, PNG),
                (field, image) -> {
                    seen.add(field);
                    return new SourceImage(image.bytes(), "image/png");
                }, bytes -> "a".repeat(64));

        assertThat(seen).containsExactly("referenceImages[0]", "referenceImages[1]");
        assertThat(GenerationImageInputs.fromJson(inputs.toJson())).isEqualTo(inputs);
        assertThat(inputs.references()).hasSize(2).allSatisfy(r -> assertThat(r.contentHash()).hasSize(64));
        assertThat(GenerationImageInputs.NONE.toJson()).isNull();
        assertThat(GenerationImageInputs.fromJson(null)).isEqualTo(GenerationImageInputs.NONE);
    }

    private static ModelDescriptor model(ModelCapabilities caps) {
        return new ModelDescriptor("test/m", "test", "m", "m", "m", caps, 100, 1);
    }
}
