package io.atelier.core.prompt.moderation;

import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.openai.OpenAiModerationModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The optional moderation model: LangChain4j's {@link OpenAiModerationModel} against any
 * OpenAI-compatible {@code /moderations} endpoint, on when {@code atelier.moderation.model.base-url}
 * or {@code .api-key} is set. Without it prompts are checked against the blocklists only.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ModerationModelCondition.class)
@EnableConfigurationProperties(PromptModerationProperties.class)
class ModerationModelConfiguration {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    private static final Logger log = LoggerFactory.getLogger(ModerationModelConfiguration.class);

    @Bean
    ModerationModel atelierModerationModel(PromptModerationProperties properties) {
        PromptModerationProperties.Model m = properties.model();
        String baseUrl = m.baseUrl() == null ? DEFAULT_BASE_URL : m.baseUrl();
        log.info("prompt moderation model on: {} at {} ({})", m.modelName(), baseUrl,
                m.apiKey() == null ? "no API key" : "API key set");
        return OpenAiModerationModel.builder()
                .baseUrl(baseUrl)
                // Local gateways need no key, but the client insists on one.
                .apiKey(m.apiKey() == null ? "none" : m.apiKey())
                .modelName(m.modelName())
                .timeout(m.timeout())
                .maxRetries(1)
                .build();
    }
}
