package io.atelier.core.provider.gemini;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/**
 * Wires the {@code gemini} provider when {@code atelier.providers.gemini.api-key} is set
 * ({@link ConditionalOnProviderSettings}); without it there is no bean and no {@code gemini/*} model.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProviderSettings(provider = "Gemini image provider", anyOf = "atelier.providers.gemini.api-key")
@EnableConfigurationProperties(GeminiProviderProperties.class)
class GeminiProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GeminiProviderConfiguration.class);

    @Bean
    ImageProvider geminiImageProvider(GeminiProviderProperties properties) {
        GeminiImageProvider provider = new GeminiImageProvider(properties);
        log.info("gemini image provider on: {} serving {}", properties.baseUrl(),
                provider.models().stream().map(ModelDescriptor::id).toList());
        return provider;
    }
}
