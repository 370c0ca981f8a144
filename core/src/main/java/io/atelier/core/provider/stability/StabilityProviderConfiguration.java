package io.atelier.core.provider.stability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/**
 * Wires the {@code stability} provider when {@code atelier.providers.stability.api-key} is set
 * ({@link StabilityProviderCondition}); without it there is no bean and no {@code stability/*} model.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(StabilityProviderCondition.class)
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
