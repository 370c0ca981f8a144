package io.atelier.core.prompt.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptTestSupport;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.prompt.template.TemplateDefinition;
import io.atelier.core.prompt.template.TemplateFixtures;
import io.atelier.core.prompt.template.TemplateService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class PresetServiceTest {

    JdbcClient jdbc;
    TemplateService templates;
    PresetService presets;
    String team;

    @BeforeEach
    void setUp() {
        jdbc = PromptTestSupport.database();
        templates = TemplateFixtures.service(jdbc);
        presets = PresetFixtures.service(jdbc, templates, PromptTestSupport.catalog());
        team = PromptTestSupport.newTeam(jdbc);
    }

    static PresetRequirement text(String key, boolean required, Object def) {
        return new PresetRequirement(key, RequirementType.TEXT, null, null, required, def, List.of(), null, null, null, false, 0, null);
    }

    static PresetRequirement choice(String key, Object def, String... options) {
        return new PresetRequirement(key, RequirementType.ENUM, null, null, false, def, List.of(options), null, null, null, false, 0, null);
    }

    static PresetRequirement number(String key, Object def, String min, String max) {
        return new PresetRequirement(key, RequirementType.NUMBER, null, null, false, def, List.of(),
                min == null ? null : new BigDecimal(min), max == null ? null : new BigDecimal(max), null, false, 0, null);
    }

    static PresetRequirement file(String key, boolean multiple, int maxFiles, FileRole role) {
        return new PresetRequirement(key, RequirementType.FILE, null, null, false, null, List.of(), null, null, null, multiple,
                maxFiles, role);
    }

    static PresetDefinition definition(String prompt, PresetRequirement... requirements) {
        return new PresetDefinition(" Poster ", "desc", prompt, List.of(requirements), "test/plain", "16:9", "2k",
                "Comic", null);
    }

    @Test
    void builtInsRenderWithTheirDefaults() {
        assertThat(presets.list(team)).extracting(Preset::id)
                .containsExactly("product-shot", "blog-featured-image", "avatar", "sticker");
        for (Preset p : BuiltInPresets.all()) {
            // Re-validating a built-in's definition proves its placeholders, defaults and template are sound.
            presets.validate(team, p.id(), new PresetDefinition(p.name(), p.description(), p.prompt(), p.requirements(),
                    p.model(), p.aspectRatio(), p.resolution(), p.template(), p.negativePrompt()), p.createdAt(), p.updatedAt());
        }
        assertThat(presets.render(team, "product-shot", null, Map.of("product", "a white ceramic mug"), null).prompt())
                .isEqualTo("Professional studio photo of a white ceramic mug on a white background, three-quarter view");
        assertThat(presets.render(team, "blog-featured-image", null, Map.of("topic", "remote work"), null).prompt())
                .isEqualTo("Editorial header image for an article about remote work, flat illustration style, optimistic mood, "
                        + "wide composition with calm space for a headline");
        assertThat(presets.render(team, "avatar", null, Map.of("subject", "a fox", "style", "Anime"), null).prompt())
                .isEqualTo("Profile avatar of a fox, anime style, head and shoulders, centered, plain pastel blue background");
        PresetRendering sticker = presets.render(team, "sticker", "with sunglasses", Map.of("subject", "a cat"), null);
        assertThat(sticker.prompt()).isEqualTo("Die-cut sticker of a cat in a kawaii style with a thick white outline, with sunglasses");
        assertThat(sticker.template()).isEqualTo("sticker");
        assertThat(sticker.aspectRatio()).hasToString("1:1");
    }

    @Test
    void createListRenderReplaceDelete() {
        Preset created = presets.create(team, definition("Poster of {{title}} in {{palette}}, {{copies}} copies, {{prompt}}",
                text("title", true, null), choice("palette", "warm", "warm", "cold"), number("copies", 2, "1", "9"),
                file("refs", true, 0, null), file("photo", false, 0, FileRole.SOURCE)));
        assertThat(created.id()).hasSize(36);
        assertThat(created.name()).isEqualTo("Poster");
        assertThat(created.resolution()).isEqualTo("2K");
        assertThat(created.template()).isEqualTo("comic");
        assertThat(created.requirements().get(3).maxFiles()).isEqualTo(PresetService.DEFAULT_MAX_FILES);
        assertThat(created.requirements().get(3).role()).isEqualTo(FileRole.REFERENCE);
        assertThat(created.requirements().get(2).defaultValue()).isEqualTo(new BigDecimal("2"));

        Preset read = presets.get(team, created.id());
        assertThat(read.requirements()).isEqualTo(created.requirements());
        assertThat(presets.list(team)).extracting(Preset::id).endsWith(created.id());

        PresetRendering r = presets.render(team, created.id(), "with stars", Map.of("title", "Mars"), null);
        assertThat(r.prompt()).isEqualTo("Poster of Mars in warm, 2 copies, with stars");
        assertThat(r.model()).isEqualTo("test/plain");

        presets.replace(team, created.id(), definition("Just {{title}}", text("title", true, null)));
        assertThat(presets.get(team, created.id()).requirements()).hasSize(1);
        assertThatThrownBy(() -> presets.render(team, created.id(), null, Map.of("title", "Mars", "palette", "warm"), null))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> assertThat(e.field()).isEqualTo("variables.palette"));

        String other = PromptTestSupport.newTeam(jdbc);
        assertThat(presets.find(other, created.id())).isEmpty();
        assertThatThrownBy(() -> presets.render(other, created.id(), null, Map.of(), null))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("PRESET_NOT_FOUND");
                    assertThat(e.field()).isEqualTo("presetId");
                });

        presets.delete(team, created.id());
        assertThatThrownBy(() -> presets.get(team, created.id())).isInstanceOf(PromptNotFoundException.class);
        assertThatThrownBy(() -> presets.delete(team, "avatar"))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("PRESET_READ_ONLY"));
        assertThatThrownBy(() -> presets.replace(team, "avatar", definition("x")))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("PRESET_READ_ONLY"));
    }

    @Test
    void teamTemplatesCanBePresetDefaults() {
        templates.create(team, new TemplateDefinition("brand", "ours", "ours", List.of("brand look"), null));
        Preset p = presets.create(team, new PresetDefinition("P", null, "x", List.of(), null, null, null, "BRAND", null));
        assertThat(p.template()).isEqualTo("brand");
    }

    @Test
    void definitionsAreValidatedAndErrorsNameTheField() {
        assertInvalid(new PresetDefinition(null, null, "x", null, null, null, null, null, null), "name", "name is required");
        assertInvalid(new PresetDefinition("P", null, " ", null, null, null, null, null, null), "prompt", "prompt is required");
        assertInvalid(definition("{{ghost}}"), "prompt", "placeholder {{ghost}} does not name a requirement");
        assertInvalid(new PresetDefinition("P", null, "x", null, "acme/none", null, null, null, null), "model", "unknown model 'acme/none'");
        assertInvalid(new PresetDefinition("P", null, "x", null, null, "wide", null, null, null), "aspectRatio", "W:H");
        assertInvalid(new PresetDefinition("P", null, "x", null, null, null, "8K", null, null), "resolution", "1K, 2K or 4K");
        assertInvalid(new PresetDefinition("P", null, "x", null, null, null, null, "nope", null), "template", "unknown template 'nope'");
        assertInvalid(definition("x", text("1bad", false, null)), "requirements[0].key", "must be a letter");
        assertInvalid(definition("x", text("prompt", false, null)), "requirements[0].key", "reserved");
        assertInvalid(definition("x", text("a", false, null), text("a", false, null)), "requirements[1].key", "declared twice");
        assertInvalid(definition("x", choice("c", null)), "requirements[0].options", "1 to 100 values");
        assertInvalid(definition("x", choice("c", "green", "red", "blue")), "requirements[0].default", "one of its options");
        assertInvalid(definition("x", choice("c", null, "red", "RED")), "requirements[0].options", "twice");
        assertInvalid(definition("x", number("n", null, "5", "1")), "requirements[0].min", "must not exceed max");
        assertInvalid(definition("x", number("n", "abc", null, null)), "requirements[0].default", "must be a number");
        assertInvalid(definition("x", number("n", 20, "1", "10")), "requirements[0].default", "between min and max");
        assertInvalid(definition("x", file("f", true, 11, null)), "requirements[0].maxFiles", "between 2 and 10");
        assertInvalid(definition("x", file("f", true, 3, FileRole.SOURCE)), "requirements[0].multiple", "single file");
        assertInvalid(definition("x", file("a", false, 1, FileRole.SOURCE), file("b", false, 1, FileRole.SOURCE)),
                "requirements[1].role", "at most one source file");
        assertInvalid(definition("x", new PresetRequirement("t", RequirementType.TEXT, null, null, false, null, List.of("a"),
                null, null, null, false, 0, null)), "requirements[0].options", "enum requirements only");
        assertInvalid(definition("x", new PresetRequirement("t", RequirementType.TEXT, null, null, false, null, List.of(),
                null, null, null, true, 0, null)), "requirements[0].multiple", "file requirements only");
        assertInvalid(definition("x", new PresetRequirement("t", RequirementType.FILE, null, null, false, "x.png", List.of(),
                null, null, null, false, 0, null)), "requirements[0].default", "no default");
        List<PresetRequirement> many = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            many.add(text("k" + i, false, null));
        }
        assertInvalid(new PresetDefinition("P", null, "x", many, null, null, null, null, null), "requirements", "at most 30");
    }

    private void assertInvalid(PresetDefinition d, String field, String message) {
        assertThatThrownBy(() -> presets.create(team, d)).isInstanceOfSatisfying(PromptValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
