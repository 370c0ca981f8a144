package io.atelier.core.provider.replicate;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;

/**
 * Wires the {@code replicate} provider when {@code atelier.providers.replicate.api-key} is set
 * ({@link ConditionalOnProviderSettings}); without it there is no bean and no {@code replicate/*} model.
 * Output files are downloaded through the application's {@link SafeHttpFetcher}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProviderSettings(provider = "Replicate image provider", anyOf = "atelier.providers.replicate.api-key")
@EnableConfigurationProperties(ReplicateProviderProperties.class)
class ReplicateProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplicateProviderConfiguration.class);

    @Bean
    ImageProvider replicateImageProvider(ReplicateProviderProperties properties, SafeHttpFetcher fetcher) {
        ReplicateImageProvider provider = new ReplicateImageProvider(properties, fetcher);
        log.info("replicate image provider on: {} serving {}", properties.baseUrl(),
                provider.models().stream().map(ModelDescriptor::id).toList());
        return provider;
    }
}
