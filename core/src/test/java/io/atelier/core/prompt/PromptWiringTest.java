package io.atelier.core.prompt;

import io.atelier.core.prompt.pipeline.PromptPipeline;
import io.atelier.core.prompt.pipeline.PreparedPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.openai.OpenAiModerationModel;
import io.atelier.core.account.Caller;
import io.atelier.core.prompt.PromptTestSupport.ScriptedChatModel;
import io.atelier.core.prompt.enhance.EnhancementMethod;
import io.atelier.core.prompt.enhance.EnhancementProperties;
import io.atelier.core.prompt.enhance.PromptEnhancer;
import io.atelier.core.prompt.moderation.PromptModerationProperties;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.routing.ModelRouter;
import io.atelier.core.routing.ModelsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pipeline as Spring wires it: a {@link ChatModel} bean switches enhancement to the LLM, its
 * absence leaves it rule-based; the moderation model appears only with its properties.
 */
class PromptWiringTest {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan("io.atelier.core.prompt")
    @EnableConfigurationProperties({PromptModerationProperties.class, EnhancementProperties.class})
    static class PromptBeans {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(JdbcClient.class, PromptTestSupport::database)
            .withBean(ModelCatalog.class, PromptTestSupport::catalog)
            .withBean(ModelRouter.class, () -> new ModelRouter(PromptTestSupport.catalog(), new ModelsProperties(true, java.util.Map.of())))
            .withUserConfiguration(PromptBeans.class);

    @Test
    void withoutAnLlmEnhancementIsRuleBased() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ChatModel.class);
            assertThat(context).doesNotHaveBean(ModerationModel.class);
            assertThat(context.getBean(PromptEnhancer.class).usesLlm()).isFalse();
            String team = PromptTestSupport.newTeam(context.getBean(JdbcClient.class));
            PreparedPrompt p = context.getBean(PromptPipeline.class).prepare(new Caller(team, "k", false), PromptInput.of("a fox"));
            assertThat(p.enhancement()).isEqualTo(EnhancementMethod.RULES);
        });
    }

    @Test
    void aChatModelBeanIsUsed() {
        runner.withBean(ChatModel.class, () -> new ScriptedChatModel(c -> c.user() + ", by the LLM"))
                .withPropertyValues("atelier.prompt.enhancement.timeout=3s", "atelier.prompt.enhancement.cache-size=5")
                .run(context -> {
                    assertThat(context.getBean(EnhancementProperties.class).cacheSize()).isEqualTo(5);
                    String team = PromptTestSupport.newTeam(context.getBean(JdbcClient.class));
                    PreparedPrompt p = context.getBean(PromptPipeline.class).prepare(new Caller(team, "k", false),
                            PromptInput.of("a fox"));
                    assertThat(p.prompt()).isEqualTo("a fox, by the LLM");
                    assertThat(p.enhancement()).isEqualTo(EnhancementMethod.LLM);
                });
    }

    @Test
    void theLlmCanBeKeptOutOfEnhancement() {
        runner.withBean(ChatModel.class, () -> new ScriptedChatModel(c -> "never"))
                .withPropertyValues("atelier.prompt.enhancement.use-llm=false")
                .run(context -> assertThat(context.getBean(PromptEnhancer.class).usesLlm()).isFalse());
    }

    @Test
    void moderationModelOnlyWithItsProperties() {
        runner.withPropertyValues("atelier.moderation.model.api-key=sk-mod", "atelier.moderation.model.on-error=block",
                        "atelier.moderation.blocklist[0]=gore", "atelier.moderation.cooldown.max-blocks=5")
                .run(context -> {
                    assertThat(context).hasSingleBean(ModerationModel.class);
                    assertThat(context.getBean(ModerationModel.class)).isInstanceOf(OpenAiModerationModel.class);
                    PromptModerationProperties p = context.getBean(PromptModerationProperties.class);
                    assertThat(p.model().blockOnError()).isTrue();
                    assertThat(p.model().modelName()).isEqualTo("omni-moderation-latest");
                    assertThat(p.model().toString()).doesNotContain("sk-mod");
                    assertThat(p.blocklist()).containsExactly("gore");
                    assertThat(p.cooldown().maxBlocks()).isEqualTo(5);
                });
        runner.withPropertyValues("atelier.moderation.model.base-url= ")
                .run(context -> assertThat(context).doesNotHaveBean(ModerationModel.class));
    }

    @Test
    void anInvalidGlobalBlocklistFailsTheStart() {
        runner.withPropertyValues("atelier.moderation.blocklist[0]=re:(")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("atelier.moderation.blocklist[0] is invalid"));
    }
}
