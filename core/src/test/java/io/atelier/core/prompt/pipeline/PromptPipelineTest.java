package io.atelier.core.prompt.pipeline;

import io.atelier.core.prompt.BrandKitStyler;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptTestSupport;
import io.atelier.core.prompt.PromptInput;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.routing.ModelRouter;
import io.atelier.core.routing.ModelsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import io.atelier.core.account.Caller;
import io.atelier.core.prompt.PromptTestSupport.ScriptedChatModel;
import io.atelier.core.prompt.enhance.EnhancementMethod;
import io.atelier.core.prompt.enhance.EnhancementProperties;
import io.atelier.core.prompt.enhance.EnhancerFixtures;
import io.atelier.core.prompt.moderation.ModerationFixtures;
import io.atelier.core.prompt.moderation.PromptModerationProperties;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.prompt.preset.PresetDefinition;
import io.atelier.core.prompt.preset.PresetFixtures;
import io.atelier.core.prompt.preset.PresetRequirement;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.prompt.preset.RequirementType;
import io.atelier.core.prompt.template.TemplateDefinition;
import io.atelier.core.prompt.template.TemplateFixtures;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.Resolution;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The whole pipeline: preset → inline flags → moderation → brand kit → enhancement, and precedence. */
class PromptPipelineTest {

    JdbcClient jdbc;
    ModelCatalog catalog;
    TemplateService templates;
    PresetService presets;
    PromptModerator moderator;
    String team;
    Caller caller;

    @BeforeEach
    void setUp() {
        jdbc = PromptTestSupport.database();
        catalog = PromptTestSupport.catalog();
        templates = TemplateFixtures.service(jdbc);
        presets = PresetFixtures.service(jdbc, templates, catalog);
        moderator = ModerationFixtures.moderator(jdbc, new PromptModerationProperties(List.of("gore"), null, null), null,
                Clock.systemUTC());
        team = PromptTestSupport.newTeam(jdbc);
        caller = new Caller(team, "key-1", false);
    }

    PromptPipeline pipeline(ChatModel llm, BrandKitStyler brandKit) {
        return new PromptPipeline(templates, presets, moderator, EnhancerFixtures.enhancer(llm, EnhancementProperties.defaults()),
                catalog, new ModelRouter(catalog, new ModelsProperties(true, java.util.Map.of())),
                PromptTestSupport.provider(BrandKitStyler.class, brandKit));
    }

    @Test
    void defaultsEnhanceWithTheGeneralTemplateAndItsNegativePrompt() {
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.of("  a fox in snow  "));
        assertThat(p.originalPrompt()).isEqualTo("a fox in snow");
        assertThat(p.prompt()).startsWith("a fox in snow, highly detailed");
        assertThat(p.enhancement()).isEqualTo(EnhancementMethod.RULES);
        ResolvedPrompt r = p.resolved();
        assertThat(r.autoEnhance()).isTrue();
        assertThat(r.template().name()).isEqualTo("general");
        assertThat(r.negativePrompt()).isEqualTo("blurry, low quality, distorted, deformed, watermark");
        assertThat(r.model().id()).isEqualTo("test/full");
        assertThat(r.aspectRatio()).isNull();
        assertThat(r.count()).isNull();
        assertThat(r.seed()).isNull();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void autoEnhanceOffLeavesThePromptUntouched() {
        PreparedPrompt p = pipeline(new ScriptedChatModel(c -> "never used"), null)
                .prepare(caller, PromptInput.builder().prompt("a fox").autoEnhance(false).template("comic").build());
        assertThat(p.prompt()).isEqualTo(p.originalPrompt()).isEqualTo("a fox");
        assertThat(p.enhancement()).isEqualTo(EnhancementMethod.NONE);
        assertThat(p.resolved().template().name()).isEqualTo("comic");
        assertThat(p.resolved().negativePrompt()).isNull();
    }

    @Test
    void theTemplatesNegativePromptOnlyForModelsThatTakeOne() {
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder().prompt("a fox").model("test/plain").build());
        assertThat(p.resolved().negativePrompt()).isNull();
        assertThat(p.prompt()).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void withAnLlmThePromptIsRewritten() {
        ScriptedChatModel llm = new ScriptedChatModel(c -> "A photorealistic " + c.user() + " at golden hour, 85mm lens");
        PreparedPrompt p = pipeline(llm, null).prepare(caller,
                PromptInput.builder().prompt("fox in snow").template("photorealistic").build());
        assertThat(p.prompt()).isEqualTo("A photorealistic fox in snow at golden hour, 85mm lens");
        assertThat(p.originalPrompt()).isEqualTo("fox in snow");
        assertThat(p.enhancement()).isEqualTo(EnhancementMethod.LLM);
    }

    @Test
    void inlineFlagsSetParametersWhenParsingIsOn() {
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder()
                .prompt("a cat --ar 16:9 --no dogs, birds --seed 7 --n 2 --model test/full --style comic --raw --public")
                .parseInlineParameters(true).build());
        ResolvedPrompt r = p.resolved();
        assertThat(p.originalPrompt()).isEqualTo("a cat");
        assertThat(p.prompt()).isEqualTo("a cat");
        assertThat(r.aspectRatio()).hasToString("16:9");
        assertThat(r.negativePrompt()).isEqualTo("dogs, birds");
        assertThat(r.seed()).isEqualTo(7L);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.model().id()).isEqualTo("test/full");
        assertThat(r.template().name()).isEqualTo("comic");
        assertThat(r.autoEnhance()).isFalse();
        assertThat(r.publicRequested()).isTrue();
        assertThatThrownBy(() -> pipeline(null, null).prepare(caller, PromptInput.builder()
                .prompt("a cat --n 2 --model test/plain").parseInlineParameters(true).build()))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("--n");
                    assertThat(e.getMessage()).isEqualTo("--n must be between 1 and 1 for model test/plain");
                });
    }

    @Test
    void withoutParsingFlagsAreJustText() {
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder().prompt("a cat --ar 16:9").autoEnhance(false).build());
        assertThat(p.prompt()).isEqualTo("a cat --ar 16:9");
        assertThat(p.resolved().aspectRatio()).isNull();
    }

    @Test
    void explicitOptionsWinOverInlineFlagsAndTheResultSaysSo() {
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder()
                .prompt("a cat --ar 16:9 --no dogs --seed 7 --n 2 --model test/plain --style comic --raw")
                .parseInlineParameters(true)
                .aspectRatio(AspectRatio.parse("1:1").orElseThrow()).negativePrompt("cats").seed(1L).count(3)
                .model("test/full").template("sticker").autoEnhance(true).build());
        ResolvedPrompt r = p.resolved();
        assertThat(r.aspectRatio()).hasToString("1:1");
        assertThat(r.negativePrompt()).isEqualTo("cats");
        assertThat(r.seed()).isEqualTo(1L);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.model().id()).isEqualTo("test/full");
        assertThat(r.template().name()).isEqualTo("sticker");
        assertThat(r.autoEnhance()).isTrue();
        assertThat(p.warnings()).containsExactly(
                "--model test/plain was ignored: model was also given as an option (test/full), and the option wins",
                "--n 2 was ignored: count was also given as an option (3), and the option wins",
                "--ar 16:9 was ignored: aspectRatio was also given as an option (1:1), and the option wins",
                "--seed 7 was ignored: seed was also given as an option (1), and the option wins",
                "--no dogs was ignored: negativePrompt was also given as an option (cats), and the option wins",
                "--raw was ignored: autoEnhance was also given as an option (true), and the option wins",
                "--style comic was ignored: template was also given as an option (sticker), and the option wins");
        assertThat(p.prompt()).contains("die-cut sticker");
    }

    @Test
    void anExplicitSizeBeatsAnInlineRatio() {
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder().prompt("a cat --ar 16:9")
                .parseInlineParameters(true).size(ImageSize.parse("512x512").orElseThrow()).build());
        assertThat(p.resolved().aspectRatio()).isNull();
        assertThat(p.warnings()).containsExactly(
                "--ar 16:9 was ignored: size was also given as an option (512x512), and the option wins");
    }

    @Test
    void unknownNamesAreErrorsNamingTheFieldOrFlag() {
        PromptPipeline pipeline = pipeline(null, null);
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt("x").template("noir").build()),
                "template", "VALIDATION_ERROR", "unknown template 'noir'; known: general, photorealistic");
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt("x --style noir").parseInlineParameters(true).build()),
                "--style", "VALIDATION_ERROR", "--style: unknown template 'noir'");
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt("x").model("acme/x").build()),
                "model", "MODEL_NOT_FOUND", "unknown model 'acme/x'; known models: test/full, test/plain");
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt("x --model acme/x").parseInlineParameters(true).build()),
                "--model", "MODEL_NOT_FOUND", "--model: unknown model 'acme/x'");
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt("x").presetId("nope").build()),
                "presetId", "PRESET_NOT_FOUND", "unknown preset 'nope'");
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt("x").variables(Map.of("a", "b")).build()),
                "variables", "VALIDATION_ERROR", "variables need a presetId");
        assertError(() -> pipeline.prepare(caller, PromptInput.builder().prompt(" --ar 1:1").parseInlineParameters(true).build()),
                "prompt", "VALIDATION_ERROR", "prompt is required");
        assertError(() -> pipeline.prepare(caller, PromptInput.of(null)), "prompt", "VALIDATION_ERROR", "prompt is required");
    }

    @Test
    void presetDefaultsApplyBelowInlineFlagsAndExplicitOptions() {
        String id = presets.create(team, new PresetDefinition("Poster", null, "Poster of {{title}}",
                List.of(new PresetRequirement("title", RequirementType.TEXT, null, null, true, null, List.of(), null, null,
                        null, false, 0, null)),
                "test/plain", "9:16", "2K", "comic", "text")).id();
        PromptPipeline pipeline = pipeline(null, null);

        ResolvedPrompt fromPreset = pipeline.resolve(caller, PromptInput.builder().presetId(id)
                .variables(Map.of("title", "Mars")).build());
        assertThat(fromPreset.originalPrompt()).isEqualTo("Poster of Mars");
        assertThat(fromPreset.model().id()).isEqualTo("test/plain");
        assertThat(fromPreset.aspectRatio()).hasToString("9:16");
        assertThat(fromPreset.resolution()).isEqualTo(Resolution.R2K);
        assertThat(fromPreset.template().name()).isEqualTo("comic");
        assertThat(fromPreset.negativePrompt()).isEqualTo("text");
        assertThat(fromPreset.preset().preset().id()).isEqualTo(id);

        ResolvedPrompt overridden = pipeline.resolve(caller, PromptInput.builder().presetId(id).prompt("red planet --ar 1:1 --style sticker")
                .parseInlineParameters(true).variables(Map.of("title", "Mars")).model("test/full").resolution(Resolution.R1K)
                .negativePrompt("blur").build());
        assertThat(overridden.originalPrompt()).isEqualTo("Poster of Mars, red planet");
        assertThat(overridden.model().id()).isEqualTo("test/full");
        assertThat(overridden.aspectRatio()).hasToString("1:1");
        assertThat(overridden.resolution()).isEqualTo(Resolution.R1K);
        assertThat(overridden.template().name()).isEqualTo("sticker");
        assertThat(overridden.negativePrompt()).isEqualTo("blur");
        assertThat(overridden.warnings()).isEmpty();

        assertError(() -> pipeline.resolve(caller, PromptInput.builder().presetId(id).build()),
                "variables.title", "VALIDATION_ERROR", "variable 'title' (title) is required by preset 'Poster'");
        assertError(() -> pipeline.resolve(caller, PromptInput.builder().presetId(id).variables(Map.of("title", "x", "year", 1)).build()),
                "variables.year", "VALIDATION_ERROR", "unknown variable 'year'");
    }

    @Test
    void aPresetWhoseTemplateWasDeletedFallsBackWithAWarning() {
        templates.create(team, new TemplateDefinition("brand", "ours", "ours", List.of("brand look"), null));
        String id = presets.create(team, new PresetDefinition("P", null, "a lamp", List.of(), null, null, null, "brand", null)).id();
        assertThat(pipeline(null, null).prepare(caller, PromptInput.builder().presetId(id).build()).prompt()).contains("brand look");
        templates.delete(team, "brand");
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder().presetId(id).build());
        assertThat(p.resolved().template().name()).isEqualTo("general");
        assertThat(p.warnings()).containsExactly("the preset's template 'brand' no longer exists; using general");
    }

    @Test
    void blockedPromptsStopThePipelineAndCount() {
        ScriptedChatModel llm = new ScriptedChatModel(c -> "never");
        assertThatThrownBy(() -> pipeline(llm, null).prepare(caller, PromptInput.of("so much GORE")))
                .isInstanceOfSatisfying(PromptBlockedException.class, e -> assertThat(e.rule()).isEqualTo("global#1"));
        assertThat(llm.calls).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM moderation_blocks WHERE principal = 'key-1'").query(Long.class).single()).isEqualTo(1);
        // Flags are removed before moderation, so the blocklist sees what will be generated.
        assertThatThrownBy(() -> pipeline(null, null).prepare(caller,
                PromptInput.builder().prompt("gore --ar 1:1").parseInlineParameters(true).build()))
                .isInstanceOf(PromptBlockedException.class);
    }

    @Test
    void anLlmRewriteThatHitsTheBlocklistFallsBackToTheRules() {
        ScriptedChatModel llm = new ScriptedChatModel(c -> c.user() + ", gore everywhere");
        PreparedPrompt p = pipeline(llm, null).prepare(caller, PromptInput.of("a battlefield"));
        assertThat(p.prompt()).doesNotContain("gore").startsWith("a battlefield, highly detailed");
        assertThat(p.warnings()).singleElement().asString().startsWith("the LLM's prompt matched a blocklist rule");
    }

    @Test
    void theBrandKitHookRunsBeforeEnhancement() {
        ScriptedChatModel llm = new ScriptedChatModel(c -> c.user() + ", refined");
        BrandKitStyler brand = (teamId, prompt, max) -> teamId.equals(team)
                ? Optional.of(new BrandKitStyler.BrandStyling(prompt + ", in teal and coral", List.of()))
                : Optional.empty();
        PreparedPrompt p = pipeline(llm, brand).prepare(caller, PromptInput.builder().prompt("a mug").useBrandKit(true).build());
        assertThat(p.prompt()).isEqualTo("a mug, in teal and coral, refined");
        assertThat(p.originalPrompt()).isEqualTo("a mug");
        assertThat(llm.calls.getFirst().user()).isEqualTo("a mug, in teal and coral");

        PreparedPrompt raw = pipeline(null, brand).prepare(caller, PromptInput.builder().prompt("a mug").useBrandKit(true)
                .autoEnhance(false).build());
        assertThat(raw.prompt()).isEqualTo("a mug, in teal and coral");

        PreparedPrompt other = pipeline(null, brand).prepare(new Caller(PromptTestSupport.newTeam(jdbc), "k", false),
                PromptInput.builder().prompt("a mug").useBrandKit(true).autoEnhance(false).build());
        assertThat(other.prompt()).isEqualTo("a mug");
        assertThat(other.warnings()).containsExactly("the team has no brand kit; useBrandKit was ignored");

        PreparedPrompt none = pipeline(null, null).prepare(caller, PromptInput.builder().prompt("a mug").useBrandKit(true)
                .autoEnhance(false).build());
        assertThat(none.warnings()).containsExactly("brand kits are not available on this server; useBrandKit was ignored");

        PreparedPrompt notAsked = pipeline(null, brand).prepare(caller, PromptInput.builder().prompt("a mug").autoEnhance(false).build());
        assertThat(notAsked.prompt()).isEqualTo("a mug");
    }

    @Test
    void aPromptOverTheLimitIsLeftForTheServiceToReject() {
        String long201 = "b".repeat(201);
        PreparedPrompt p = pipeline(null, null).prepare(caller, PromptInput.builder().prompt(long201).model("test/plain").build());
        assertThat(p.prompt()).isEqualTo(long201);
        assertThat(p.enhancement()).isEqualTo(EnhancementMethod.NONE);
    }

    private static void assertError(Runnable call, String field, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PromptValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
