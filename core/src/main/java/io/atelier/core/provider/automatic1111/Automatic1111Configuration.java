package io.atelier.core.provider.automatic1111;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.provider.ImageProvider;

/**
 * Wires the {@code automatic1111} provider when {@code atelier.providers.automatic1111.base-url} is set;
 * without it there is no bean and the catalog has no {@code automatic1111/*} models.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProviderSettings(provider = "AUTOMATIC1111 image provider", anyOf = "atelier.providers.automatic1111.base-url")
@EnableConfigurationProperties(Automatic1111Properties.class)
class Automatic1111Configuration {

    private static final Logger log = LoggerFactory.getLogger(Automatic1111Configuration.class);

    @Bean
    ImageProvider automatic1111ImageProvider(Automatic1111Properties properties) {
        Automatic1111ImageProvider provider = new Automatic1111ImageProvider(properties);
        log.info("automatic1111 image provider on: {} serving {} ({})", properties.baseUrl(),
                provider.models().stream().map(m -> m.id()).toList(),
                properties.apiKey() == null ? "no API auth" : "API auth set");
        return provider;
    }
}
