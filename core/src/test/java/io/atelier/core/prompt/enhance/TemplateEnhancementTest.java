package io.atelier.core.prompt.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import io.atelier.core.prompt.PromptTestSupport;
import io.atelier.core.prompt.PromptTestSupport.HangingChatModel;
import io.atelier.core.prompt.PromptTestSupport.ScriptedChatModel;
import io.atelier.core.prompt.template.BuiltInTemplates;
import io.atelier.core.prompt.template.PromptTemplate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in template, without an LLM (rule-based) and with a scripted LLM, plus the
 * LLM's failure modes, each of which falls back to the rule-based result with a warning.
 */
class TemplateEnhancementTest {

    static final String PROMPT = "a red sports car on a mountain road";

    /** Template name, a cue the rule-based enhancer must add, a phrase the scripted LLM answers with. */
    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("general", "highly detailed", "dramatic evening light"),
                Arguments.of("photorealistic", "photorealistic photograph", "captured with an 85mm lens at f/1.8"),
                Arguments.of("illustration", "digital illustration", "gouache illustration with a warm palette"),
                Arguments.of("minimalist", "generous negative space", "reduced to simple flat shapes"),
                Arguments.of("sticker", "die-cut sticker", "die-cut vinyl sticker with a white border"),
                Arguments.of("product", "professional product photography", "studio softbox lighting on a seamless sweep"),
                Arguments.of("comic", "comic book art", "bold ink lines and halftone shading"));
    }

    @Test
    void theTableCoversEveryBuiltInTemplate() {
        assertThat(templates().map(a -> (String) a.get()[0]).toList())
                .containsExactlyElementsOf(BuiltInTemplates.all().stream().map(PromptTemplate::name).toList());
    }

    @ParameterizedTest(name = "{0} without an LLM")
    @MethodSource("templates")
    void withoutAnLlmTheTemplatesCuesAreAppended(String name, String cue, String llmPhrase) {
        PromptEnhancer enhancer = enhancer(null, EnhancementProperties.defaults());
        PromptTemplate template = BuiltInTemplates.find(name).orElseThrow();

        Enhancement e = enhancer.enhance(PROMPT, template, 4000, "test/full", text -> true);

        assertThat(e.method()).isEqualTo(EnhancementMethod.RULES);
        assertThat(e.prompt()).startsWith(PROMPT + ", ").contains(cue).isNotEqualTo(PROMPT);
        assertThat(e.prompt()).contains(String.join(", ", template.cues()));
        assertThat(e.warnings()).isEmpty();
        assertThat(enhancer.enhance(PROMPT, template, 4000, "test/full", text -> true)).isEqualTo(e);
        assertThat(enhancer.usesLlm()).isFalse();
    }

    @ParameterizedTest(name = "{0} with an LLM")
    @MethodSource("templates")
    void withAnLlmThePromptIsRewrittenFollowingTheTemplate(String name, String cue, String llmPhrase) {
        ScriptedChatModel llm = new ScriptedChatModel(call -> "A " + call.user().substring(2) + ", " + llmPhrase);
        PromptEnhancer enhancer = enhancer(llm, EnhancementProperties.defaults());
        PromptTemplate template = BuiltInTemplates.find(name).orElseThrow();

        Enhancement e = enhancer.enhance(PROMPT, template, 4000, "test/full", text -> true);

        assertThat(e.method()).isEqualTo(EnhancementMethod.LLM);
        assertThat(e.prompt()).isEqualTo("A red sports car on a mountain road, " + llmPhrase);
        assertThat(e.warnings()).isEmpty();
        assertThat(llm.calls).hasSize(1);
        assertThat(llm.calls.getFirst().user()).isEqualTo(PROMPT);
        assertThat(llm.calls.getFirst().system())
                .contains("Template: " + name)
                .contains(template.styleGuidance())
                .contains("Copy any text inside quotation marks exactly")
                .contains("At most 1000 characters");
    }

    @Test
    void rewritesAreCachedPerPromptTemplateAndModel() {
        ScriptedChatModel llm = new ScriptedChatModel(call -> call.user() + ", rewritten " + call.system().length());
        PromptEnhancer enhancer = enhancer(llm, EnhancementProperties.defaults());
        PromptTemplate photo = BuiltInTemplates.find("photorealistic").orElseThrow();
        PromptTemplate comic = BuiltInTemplates.find("comic").orElseThrow();

        Enhancement first = enhancer.enhance(PROMPT, photo, 4000, "test/full", text -> true);
        Enhancement again = enhancer.enhance(PROMPT, photo, 4000, "test/full", text -> true);
        assertThat(first.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.prompt()).isEqualTo(first.prompt());
        assertThat(llm.calls).hasSize(1);

        enhancer.enhance(PROMPT, comic, 4000, "test/full", text -> true);
        enhancer.enhance(PROMPT, photo, 4000, "test/plain", text -> true);
        enhancer.enhance("a blue car", photo, 4000, "test/full", text -> true);
        assertThat(llm.calls).hasSize(4);
        assertThat(enhancer.cachedRewrites()).isEqualTo(4);
    }

    @Test
    void aChangedTeamTemplateIsNotServedFromTheCache() {
        ScriptedChatModel llm = new ScriptedChatModel(call -> call.user() + ", styled");
        PromptEnhancer enhancer = enhancer(llm, EnhancementProperties.defaults());
        PromptTemplate v1 = new PromptTemplate("brand", "ours", "muted tones", List.of("muted tones"), null, false, "t", null, null);
        PromptTemplate v2 = new PromptTemplate("brand", "ours", "neon tones", List.of("neon tones"), null, false, "t", null, null);
        enhancer.enhance(PROMPT, v1, 4000, "m", text -> true);
        enhancer.enhance(PROMPT, v2, 4000, "m", text -> true);
        assertThat(llm.calls).hasSize(2);
    }

    @Test
    void aSlowLlmFallsBackToTheRulesAndSaysSo() throws InterruptedException {
        HangingChatModel llm = new HangingChatModel();
        PromptEnhancer enhancer = enhancer(llm, new EnhancementProperties(Duration.ofMillis(200), 100, true));
        PromptTemplate template = BuiltInTemplates.find("photorealistic").orElseThrow();

        Enhancement e = enhancer.enhance(PROMPT, template, 4000, "test/full", text -> true);

        assertThat(e.method()).isEqualTo(EnhancementMethod.RULES);
        assertThat(e.prompt()).isEqualTo(RuleBasedEnhancer.enhance(PROMPT, template, 4000).prompt());
        assertThat(e.warnings()).containsExactly(
                "prompt enhancement by the LLM timed out after 0.2 s; the rule-based enhancement was used instead");
        assertThat(llm.interrupted.await(10, TimeUnit.SECONDS)).as("the hung call is interrupted").isTrue();
        assertThat(enhancer.cachedRewrites()).isZero();
    }

    @Test
    void aFailingLlmFallsBackToTheRules() {
        ChatModel failing = new ScriptedChatModel(call -> {
            throw new IllegalStateException("HTTP 500 from the gateway");
        });
        Enhancement e = enhancer(failing, EnhancementProperties.defaults())
                .enhance(PROMPT, BuiltInTemplates.find("comic").orElseThrow(), 4000, "test/full", text -> true);
        assertThat(e.method()).isEqualTo(EnhancementMethod.RULES);
        assertThat(e.prompt()).contains("comic book art");
        assertThat(e.warnings()).containsExactly(
                "prompt enhancement by the LLM failed (IllegalStateException); the rule-based enhancement was used instead");
    }

    static final String SIGN = "a neon sign saying \"Joe's Diner\" over a street";

    /** Prompt, LLM answer, the warning's beginning (each answer is unusable). */
    static Stream<Arguments> unusableAnswers() {
        return Stream.of(
                Arguments.of(SIGN, "   ", "the LLM answered with an empty prompt"),
                Arguments.of(SIGN, "A neon sign that says OPEN at night, cinematic", "the LLM dropped or changed the quoted text \"Joe's Diner\""),
                Arguments.of(SIGN, "A sign saying \"Joes Diner\", cinematic", "the LLM dropped or changed the quoted text \"Joe's Diner\""),
                Arguments.of(SIGN, "x".repeat(301), "the LLM's prompt has 301 characters, more than the model's limit of 300"),
                Arguments.of("a red fox in the snow", "I'm sorry, I can't help with that.", "the LLM's prompt no longer mentions the subject"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unusableAnswers")
    void unusableAnswersFallBack(String prompt, String answer, String reason) {
        ScriptedChatModel llm = new ScriptedChatModel(call -> answer);
        Enhancement e = enhancer(llm, EnhancementProperties.defaults())
                .enhance(prompt, BuiltInTemplates.find("general").orElseThrow(), 300, "test/full", text -> true);
        assertThat(e.method()).isEqualTo(EnhancementMethod.RULES);
        assertThat(e.prompt()).startsWith(prompt).contains("highly detailed");
        assertThat(e.warnings()).singleElement().asString().startsWith(reason);
    }

    @Test
    void quotedTextKeptVerbatimIsAccepted() {
        String prompt = "a neon sign saying \"Joe's Diner\" over a street";
        ScriptedChatModel llm = new ScriptedChatModel(call ->
                "Prompt: A glowing neon sign reading “Joe's Diner” above a rain-slick street at night");
        Enhancement e = enhancer(llm, EnhancementProperties.defaults())
                .enhance(prompt, BuiltInTemplates.find("general").orElseThrow(), 4000, "test/full", text -> true);
        assertThat(e.method()).isEqualTo(EnhancementMethod.LLM);
        assertThat(e.prompt()).isEqualTo("A glowing neon sign reading “Joe's Diner” above a rain-slick street at night");
    }

    @Test
    void answersAreUnwrapped() {
        assertThat(LlmRewrite.clean("```\nA cat, sunlit\n```", "a cat")).isEqualTo("A cat, sunlit");
        assertThat(LlmRewrite.clean("\"A cat, sunlit\"", "a cat")).isEqualTo("A cat, sunlit");
        assertThat(LlmRewrite.clean("Here is the enhanced prompt: A cat,\nsunlit", "a cat")).isEqualTo("A cat, sunlit");
        assertThat(LlmRewrite.clean("\"OPEN\" sign, \"CLOSED\" sign", "signs")).isEqualTo("\"OPEN\" sign, \"CLOSED\" sign");
    }

    @Test
    void anLlmAnswerTheCallerRejectsFallsBack() {
        ScriptedChatModel llm = new ScriptedChatModel(call -> call.user() + ", with blood everywhere");
        Enhancement e = enhancer(llm, EnhancementProperties.defaults()).enhance(PROMPT,
                BuiltInTemplates.find("general").orElseThrow(), 4000, "test/full", text -> !text.contains("blood"));
        assertThat(e.method()).isEqualTo(EnhancementMethod.RULES);
        assertThat(e.prompt()).doesNotContain("blood");
        assertThat(e.warnings()).singleElement().asString().startsWith("the LLM's prompt matched a blocklist rule");
    }

    @Test
    void llmOffByPropertyUsesRules() {
        ScriptedChatModel llm = new ScriptedChatModel(call -> "never");
        PromptEnhancer enhancer = enhancer(llm, new EnhancementProperties(Duration.ofSeconds(1), 10, false));
        assertThat(enhancer.enhance(PROMPT, BuiltInTemplates.find("general").orElseThrow(), 4000, "m", t -> true).method())
                .isEqualTo(EnhancementMethod.RULES);
        assertThat(llm.calls).isEmpty();
        assertThat(enhancer.usesLlm()).isFalse();
    }

    @Test
    void ruleBasedEnhancementStaysWithinTheLimit() {
        PromptTemplate photo = BuiltInTemplates.find("photorealistic").orElseThrow();
        String prompt = "a cat.";
        Enhancement roomy = RuleBasedEnhancer.enhance(prompt, photo, 4000);
        assertThat(roomy.prompt()).isEqualTo("a cat, " + String.join(", ", photo.cues()));

        Enhancement tight = RuleBasedEnhancer.enhance(prompt, photo, 40);
        assertThat(tight.prompt()).isEqualTo("a cat, photorealistic photograph").hasSizeLessThanOrEqualTo(40);
        assertThat(tight.warnings()).isEmpty();

        Enhancement none = RuleBasedEnhancer.enhance(prompt, photo, 10);
        assertThat(none.prompt()).isEqualTo("a cat.");
        assertThat(none.method()).isEqualTo(EnhancementMethod.NONE);
        assertThat(none.warnings()).singleElement().asString().contains("too long for the photorealistic template");
    }

    @Test
    void cuesAlreadyInThePromptAreNotRepeated() {
        PromptTemplate photo = BuiltInTemplates.find("photorealistic").orElseThrow();
        Enhancement e = RuleBasedEnhancer.enhance("a fox, Natural Lighting, sharp focus", photo, 4000);
        assertThat(e.prompt()).isEqualTo("a fox, Natural Lighting, sharp focus, photorealistic photograph, shot on 85mm lens, "
                + "shallow depth of field, fine texture detail");
    }

    @Test
    void templateCuesThatHitTheBlocklistAreDropped() {
        PromptEnhancer enhancer = enhancer(null, EnhancementProperties.defaults());
        Enhancement e = enhancer.enhance(PROMPT, BuiltInTemplates.find("photorealistic").orElseThrow(), 4000, "m",
                text -> !text.contains("shot"));
        assertThat(e.prompt()).isEqualTo(PROMPT);
        assertThat(e.method()).isEqualTo(EnhancementMethod.NONE);
        assertThat(e.warnings()).singleElement().asString().contains("matched a blocklist rule");
    }

    private static PromptEnhancer enhancer(ChatModel model, EnhancementProperties properties) {
        return new PromptEnhancer(PromptTestSupport.provider(ChatModel.class, model), properties);
    }

}
