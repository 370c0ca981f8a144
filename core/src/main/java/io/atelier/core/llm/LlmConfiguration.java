package io.atelier.core.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The one LangChain4j {@link ChatModel} of the application, when {@code atelier.llm.base-url} or
 * {@code .api-key} is set ({@link LlmCondition}). Both providers speak the OpenAI chat completions
 * protocol (Ollama serves it under {@code /v1}), so {@code langchain4j-open-ai} is the only client
 * needed. Without these properties there is no {@code ChatModel} bean and enhancement is rule-based.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LlmCondition.class)
@EnableConfigurationProperties(LlmProperties.class)
class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    @Bean
    ChatModel atelierChatModel(LlmProperties properties) {
        log.info("LLM on: {} model {} at {} ({})", properties.provider(), properties.model(), properties.baseUrl(),
                properties.apiKey() == null ? "no API key" : "API key set");
        return OpenAiChatModel.builder()
                .baseUrl(properties.baseUrl())
                // Ollama and local servers need no key, but the client insists on one.
                .apiKey(properties.apiKey() == null ? properties.provider() : properties.apiKey())
                .modelName(properties.model())
                .temperature(properties.temperature())
                .timeout(properties.timeout())
                .maxRetries(1)
                .build();
    }
}
