package io.atelier.core.prompt.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptTestSupport;
import io.atelier.core.prompt.PromptValidationException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class TemplateServiceTest {

    JdbcClient jdbc;
    TemplateService templates;
    String team;
    String otherTeam;

    @BeforeEach
    void setUp() {
        jdbc = PromptTestSupport.database();
        templates = TemplateFixtures.service(jdbc);
        team = PromptTestSupport.newTeam(jdbc);
        otherTeam = PromptTestSupport.newTeam(jdbc);
    }

    static TemplateDefinition watercolour(String name) {
        return new TemplateDefinition(name, "Soft watercolour", "Paint it in loose watercolour washes",
                List.of("watercolor painting", " soft washes "), "harsh lines");
    }

    @Test
    void theSevenBuiltInsComeFirstWithEverythingFilledIn() {
        List<PromptTemplate> all = templates.list(team);
        assertThat(all).extracting(PromptTemplate::name).containsExactly("general", "photorealistic", "illustration",
                "minimalist", "sticker", "product", "comic");
        assertThat(all).allSatisfy(t -> {
            assertThat(t.builtIn()).isTrue();
            assertThat(t.description()).isNotBlank();
            assertThat(t.styleGuidance()).isNotBlank();
            assertThat(t.cues()).isNotEmpty();
            assertThat(t.negativePrompt()).isNotBlank();
        });
        assertThat(templates.find(team, " PhotoRealistic ")).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("photorealistic"));
    }

    @Test
    void aTeamTemplateLivesBesideTheBuiltInsAndOnlyForItsTeam() {
        PromptTemplate created = templates.create(team, watercolour("Watercolour"));
        assertThat(created.name()).isEqualTo("watercolour");
        assertThat(created.cues()).containsExactly("watercolor painting", "soft washes");
        assertThat(templates.list(team)).extracting(PromptTemplate::name).endsWith("watercolour").hasSize(8);
        assertThat(templates.find(team, "WATERCOLOUR")).hasValueSatisfying(t -> {
            assertThat(t.builtIn()).isFalse();
            assertThat(t.teamId()).isEqualTo(team);
            assertThat(t.negativePrompt()).isEqualTo("harsh lines");
        });
        assertThat(templates.find(otherTeam, "watercolour")).isEmpty();
        assertThat(templates.list(otherTeam)).hasSize(7);
    }

    @Test
    void replaceAndDelete() {
        templates.create(team, watercolour("ink"));
        PromptTemplate updated = templates.replace(team, "ink", new TemplateDefinition(null, "Ink", "Ink wash",
                List.of("ink wash"), null));
        assertThat(updated.cues()).containsExactly("ink wash");
        assertThat(updated.negativePrompt()).isNull();
        assertThat(templates.get(team, "ink").description()).isEqualTo("Ink");
        assertThat(updated.fingerprint()).isNotEqualTo(templates.create(team, watercolour("ink2")).fingerprint());

        templates.delete(team, "ink");
        assertThat(templates.find(team, "ink")).isEmpty();
        assertThatThrownBy(() -> templates.delete(team, "ink")).isInstanceOf(PromptNotFoundException.class)
                .hasMessageContaining("template 'ink' not found");
        assertThatThrownBy(() -> templates.replace(otherTeam, "ink2", watercolour(null)))
                .isInstanceOf(PromptNotFoundException.class);
    }

    @Test
    void conflictsAndReadOnlyBuiltIns() {
        templates.create(team, watercolour("ink"));
        assertThatThrownBy(() -> templates.create(team, watercolour("INK")))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("TEMPLATE_EXISTS"));
        assertThatThrownBy(() -> templates.create(team, watercolour("comic")))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("TEMPLATE_EXISTS"));
        assertThatThrownBy(() -> templates.replace(team, "comic", watercolour("comic")))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("TEMPLATE_READ_ONLY"));
        assertThatThrownBy(() -> templates.delete(team, "general"))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("TEMPLATE_READ_ONLY"));
        assertThatThrownBy(() -> templates.replace(team, "ink", watercolour("other")))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void definitionsAreValidatedFieldByField() {
        assertInvalid(new TemplateDefinition(null, "d", "g", List.of("c"), null), "name", "name is required");
        assertInvalid(new TemplateDefinition("has space", "d", "g", List.of("c"), null), "name", "a-z, 0-9");
        assertInvalid(new TemplateDefinition("ok", " ", "g", List.of("c"), null), "description", "description is required");
        assertInvalid(new TemplateDefinition("ok", "d", null, List.of("c"), null), "styleGuidance", "styleGuidance is required");
        assertInvalid(new TemplateDefinition("ok", "d", "g", List.of(), null), "cues", "1 to 20");
        assertInvalid(new TemplateDefinition("ok", "d", "g", List.of("fine", " "), null), "cues[1]", "cues[1] must be 1 to 100");
        assertInvalid(new TemplateDefinition("ok", "d", "g", List.of("c"), "n".repeat(1001)), "negativePrompt", "at most 1000");
    }

    private void assertInvalid(TemplateDefinition d, String field, String message) {
        assertThatThrownBy(() -> templates.create(team, d)).isInstanceOfSatisfying(PromptValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
