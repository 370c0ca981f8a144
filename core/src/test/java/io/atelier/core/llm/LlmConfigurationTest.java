package io.atelier.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The LLM is on only with {@code atelier.llm.base-url} or {@code .api-key}; no network is used. */
class LlmConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(LlmConfiguration.class);

    @Test
    void offWithoutBaseUrlOrApiKey() {
        runner.withPropertyValues("atelier.llm.model=gpt-4o", "atelier.llm.provider=ollama").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ChatModel.class);
            assertThat(context).doesNotHaveBean(LlmProperties.class);
        });
    }

    @Test
    void offWhenTheValuesAreEmpty() {
        runner.withPropertyValues("atelier.llm.base-url=", "atelier.llm.api-key= ")
                .run(context -> assertThat(context).doesNotHaveBean(ChatModel.class));
    }

    @Test
    void openAiCompatibleWithBaseUrl() {
        runner.withPropertyValues("atelier.llm.base-url=http://127.0.0.1:9/v1/", "atelier.llm.model=qwen2.5",
                        "atelier.llm.timeout=5s")
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatModel.class);
                    assertThat(context.getBean(ChatModel.class)).isInstanceOf(OpenAiChatModel.class);
                    assertThat(context.getBean(ChatModel.class).defaultRequestParameters().modelName()).isEqualTo("qwen2.5");
                    LlmProperties p = context.getBean(LlmProperties.class);
                    assertThat(p.provider()).isEqualTo("openai");
                    assertThat(p.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
                    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.apiKey()).isNull();
                });
    }

    @Test
    void openAiWithApiKeyAloneAndTheKeyNeverPrinted() {
        runner.withPropertyValues("atelier.llm.api-key=sk-secret-1").run(context -> {
            LlmProperties p = context.getBean(LlmProperties.class);
            assertThat(p.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(p.model()).isEqualTo("gpt-4o-mini");
            assertThat(p.toString()).doesNotContain("sk-secret-1").contains("apiKey=****");
            assertThat(context.getBean(ChatModel.class).defaultRequestParameters().modelName()).isEqualTo("gpt-4o-mini");
        });
    }

    @Test
    void ollamaByPropertiesFromEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-env", Map.of(
                                "ATELIER_LLM_PROVIDER", "ollama",
                                "ATELIER_LLM_BASE_URL", "http://127.0.0.1:11434"))))
                .run(context -> {
                    LlmProperties p = context.getBean(LlmProperties.class);
                    assertThat(p.provider()).isEqualTo("ollama");
                    assertThat(p.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
                    assertThat(p.model()).isEqualTo("llama3.2");
                    assertThat(context).hasSingleBean(ChatModel.class);
                });
    }

    @Test
    void invalidSettingsFailTheStart() {
        runner.withPropertyValues("atelier.llm.base-url=ftp://x/v1").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.llm.api-key=k", "atelier.llm.provider=claude").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.llm.api-key=k", "atelier.llm.timeout=0s").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("atelier.llm.api-key=k", "atelier.llm.temperature=3").run(context -> assertThat(context).hasFailed());
    }
}
