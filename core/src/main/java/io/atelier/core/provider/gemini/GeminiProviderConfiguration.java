package io.atelier.core.provider.gemini;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/**
 * Wires the {@code gemini} provider when {@code atelier.providers.gemini.api-key} is set
 * ({@link GeminiProviderCondition}); without it there is no bean and no {@code gemini/*} model.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GeminiProviderCondition.class)
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
