package io.atelier.core.provider.stability;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/**
 * Wires the {@code stability} provider when {@code atelier.providers.stability.api-key} is set
 * ({@link ConditionalOnProviderSettings}); without it there is no bean and no {@code stability/*} model.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProviderSettings(provider = "Stability image provider", anyOf = "atelier.providers.stability.api-key")
@EnableConfigurationProperties(StabilityProviderProperties.class)
class StabilityProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StabilityProviderConfiguration.class);

    @Bean
    ImageProvider stabilityImageProvider(StabilityProviderProperties properties) {
        StabilityImageProvider provider = new StabilityImageProvider(properties);
        log.info("stability image provider on: {} serving {}", properties.baseUrl(),
                provider.models().stream().map(ModelDescriptor::id).toList());
        return provider;
    }
}
