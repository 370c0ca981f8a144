package io.atelier.core.prompt.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rendering with every requirement type: text, enum, number, file, multiple files. */
class PresetRendererTest {

    static final SourceImage PNG = new SourceImage(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    static final SourceImage JPEG = new SourceImage(new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg");

    static final Preset SHOE = preset("Shoe ad {{shoe}} in {{colour}}, {{pairs}} pairs, {{note}}, styled like {{styles}}, edit {{photo}}",
            new PresetRequirement("shoe", RequirementType.TEXT, "Shoe", null, true, null, List.of(), null, null, 40, false, 1, null),
            new PresetRequirement("colour", RequirementType.ENUM, null, null, false, "Red", List.of("Red", "Blue", "Sea Green"),
                    null, null, null, false, 1, null),
            new PresetRequirement("pairs", RequirementType.NUMBER, null, null, false, new BigDecimal("2"), List.of(),
                    BigDecimal.ONE, new BigDecimal("10"), null, false, 1, null),
            new PresetRequirement("note", RequirementType.TEXT, null, null, false, null, List.of(), null, null, null, false, 1, null),
            new PresetRequirement("styles", RequirementType.FILE, null, null, false, null, List.of(), null, null, null, true, 3,
                    FileRole.REFERENCE),
            new PresetRequirement("photo", RequirementType.FILE, "Photo", null, false, null, List.of(), null, null, null, false, 1,
                    FileRole.SOURCE),
            new PresetRequirement("logo", RequirementType.FILE, "Logo", null, false, null, List.of(), null, null, null, false, 1,
                    FileRole.REFERENCE));

    static Preset preset(String prompt, PresetRequirement... requirements) {
        return new Preset("p1", "team", "Shoe ad", null, prompt, List.of(requirements), "test/full", "4:5", "2K", "product",
                "blurry", false, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void everyTypeWithValuesAndFiles() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("shoe", "Nike Air Zoom");
        vars.put("colour", "sea green");
        vars.put("pairs", new BigDecimal("3.50"));
        vars.put("note", "on wet asphalt");
        PresetRendering r = PresetRenderer.render(SHOE, null, vars,
                Map.of("styles", List.of(PNG, JPEG), "photo", List.of(JPEG), "logo", List.of(PNG)));

        assertThat(r.prompt()).isEqualTo("Shoe ad Nike Air Zoom in Sea Green, 3.5 pairs, on wet asphalt, styled like "
                + "reference images 1-2, edit the source image");
        assertThat(r.variables()).containsEntry("colour", "Sea Green").containsEntry("pairs", new BigDecimal("3.50"));
        assertThat(r.files()).extracting(PresetFile::requirementKey, PresetFile::index, PresetFile::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("styles", 0, FileRole.REFERENCE),
                org.assertj.core.groups.Tuple.tuple("styles", 1, FileRole.REFERENCE),
                org.assertj.core.groups.Tuple.tuple("photo", 0, FileRole.SOURCE),
                org.assertj.core.groups.Tuple.tuple("logo", 0, FileRole.REFERENCE));
        assertThat(r.sourceImage()).hasValueSatisfying(f -> assertThat(f.image()).isSameAs(JPEG));
        assertThat(r.referenceImages()).extracting(PresetFile::image).containsExactly(PNG, JPEG, PNG);
        assertThat(r.model()).isEqualTo("test/full");
        assertThat(r.aspectRatio()).hasToString("4:5");
        assertThat(r.resolution().wireName()).isEqualTo("2K");
        assertThat(r.template()).isEqualTo("product");
        assertThat(r.negativePrompt()).isEqualTo("blurry");
    }

    @Test
    void defaultsFillInAndEmptyOptionalsCollapse() {
        PresetRendering r = PresetRenderer.render(SHOE, null, Map.of("shoe", "a trail runner"), Map.of());
        assertThat(r.prompt()).isEqualTo("Shoe ad a trail runner in Red, 2 pairs, styled like, edit");
        assertThat(r.variables()).containsOnlyKeys("shoe", "colour", "pairs");
        assertThat(r.files()).isEmpty();
        assertThat(r.sourceImage()).isEmpty();
    }

    @Test
    void numbersAndTextAcceptTheirUsualForms() {
        PresetRendering r = PresetRenderer.render(SHOE, null, Map.of("shoe", 42, "pairs", "7", "colour", "BLUE"), null);
        assertThat(r.prompt()).startsWith("Shoe ad 42 in Blue, 7 pairs");
        assertThat(r.variables().get("pairs")).isEqualTo(new BigDecimal("7"));
    }

    /** Variables (as key=value; a number value when it parses), then the field and message expected. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "||", quoteCharacter = '"', textBlock = """
            colour=Red                     || variables.shoe   || variable 'shoe' (Shoe) is required by preset 'Shoe ad'
            shoe=x;size=44                 || variables.size   || unknown variable 'size' for preset 'Shoe ad'; it takes: shoe, colour, pairs, note
            shoe=x;photo=a.png             || variables.photo  || 'photo' is a file input of preset 'Shoe ad'; upload it as a file
            shoe=x;colour=purple           || variables.colour || variables.colour must be one of: Red, Blue, Sea Green (got 'purple')
            shoe=x;pairs=lots              || variables.pairs  || variables.pairs must be a number
            shoe=x;pairs=11                || variables.pairs  || variables.pairs must be between 1 and 10
            shoe=x;pairs=0.5               || variables.pairs  || variables.pairs must be between 1 and 10
            shoe=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx || variables.shoe || variables.shoe must be at most 40 characters
            shoe=                          || variables.shoe   || variable 'shoe' (Shoe) is required
            """)
    void badVariablesAreNamed(String assignments, String field, String message) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String pair : assignments.split(";")) {
            String[] kv = pair.split("=", 2);
            vars.put(kv[0], kv[1].matches("\\d+(\\.\\d+)?") ? new BigDecimal(kv[1]) : kv[1]);
        }
        assertThatThrownBy(() -> PresetRenderer.render(SHOE, null, vars, null))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void badFilesAreNamed() {
        Map<String, Object> vars = Map.of("shoe", "x");
        assertField(() -> PresetRenderer.render(SHOE, null, vars, Map.of("poster", List.of(PNG))), "files.poster",
                "unknown file input 'poster' for preset 'Shoe ad'; it takes files: styles, photo, logo");
        assertField(() -> PresetRenderer.render(SHOE, null, vars, Map.of("note", List.of(PNG))), "files.note",
                "'note' is a text variable of preset 'Shoe ad'; send it in variables");
        assertField(() -> PresetRenderer.render(SHOE, null, vars, Map.of("photo", List.of(PNG, PNG))), "files.photo",
                "files.photo takes one file, got 2");
        assertField(() -> PresetRenderer.render(SHOE, null, vars, Map.of("styles", List.of(PNG, PNG, PNG, PNG))), "files.styles",
                "files.styles takes at most 3 files, got 4");
        assertField(() -> PresetRenderer.render(SHOE, null, vars,
                        Map.of("styles", List.of(PNG, new SourceImage(new byte[] {1}, "text/plain")))), "files.styles[1]",
                "files.styles[1] must be a PNG, JPEG, WebP or GIF image, got text/plain");
        assertField(() -> PresetRenderer.render(SHOE, null, vars, Map.of("logo", List.of(new SourceImage(new byte[0], "image/png")))),
                "files.logo", "files.logo is empty");

        Preset needsPhoto = preset("Restyle {{photo}}", new PresetRequirement("photo", RequirementType.FILE, "Photo", null, true,
                null, List.of(), null, null, null, false, 1, FileRole.SOURCE));
        assertField(() -> PresetRenderer.render(needsPhoto, null, null, null), "files.photo",
                "file 'photo' (Photo) is required by preset 'Shoe ad'");
        assertThat(PresetRenderer.render(needsPhoto, null, null, Map.of("photo", List.of(PNG))).prompt())
                .isEqualTo("Restyle the source image");
    }

    @Test
    void theUsersPromptGoesWhereThePlaceholderIsOrAtTheEnd() {
        Preset withSlot = preset("Poster: {{prompt}}, retro style");
        assertThat(PresetRenderer.render(withSlot, "a rocket", null, null).prompt()).isEqualTo("Poster: a rocket, retro style");
        assertField(() -> PresetRenderer.render(withSlot, "  ", null, null), "prompt",
                "preset 'Shoe ad' needs a prompt: its text has a {{prompt}} placeholder");

        Preset complete = preset("A lighthouse at dusk");
        assertThat(PresetRenderer.render(complete, null, null, null).prompt()).isEqualTo("A lighthouse at dusk");
        assertThat(PresetRenderer.render(complete, "with seagulls", null, null).prompt()).isEqualTo("A lighthouse at dusk, with seagulls");
        Preset sentence = preset("A lighthouse at dusk.");
        assertThat(PresetRenderer.render(sentence, "Seagulls circle.", null, null).prompt()).isEqualTo("A lighthouse at dusk. Seagulls circle.");
    }

    @Test
    void valuesAreInsertedVerbatim() {
        Preset sign = preset("A sign reading \"{{text}}\"", new PresetRequirement("text", RequirementType.TEXT, null, null, true,
                null, List.of(), null, null, null, false, 1, null));
        assertThat(PresetRenderer.render(sign, null, Map.of("text", "Open  $1 \\ late"), null).prompt())
                .isEqualTo("A sign reading \"Open  $1 \\ late\"");
    }

    @Test
    void placeholdersAreListedInOrder() {
        assertThat(PresetRenderer.placeholders("{{a}} and {{ b_2 }} then {{prompt}} {{a}} {{ not valid}")).containsExactly("a", "b_2", "prompt", "a");
    }

    @Test
    void tidyRemovesWhatEmptyValuesLeave() {
        assertThat(PresetRenderer.tidy("A cat ,  , on a mat, ")).isEqualTo("A cat, on a mat");
        assertThat(PresetRenderer.tidy(", with () nothing")).isEqualTo("with nothing");
    }

    private static void assertField(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PromptValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
