package io.atelier.core.provider.openai;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageProvider;

/**
 * Wires the {@code openai} provider when {@code atelier.providers.openai.base-url} or {@code .api-key}
 * is set ({@link ConditionalOnProviderSettings}); without them there is no bean and the catalog has no
 * {@code openai/*} models. Needs a {@link SafeHttpFetcher} bean for images answered as URLs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProviderSettings(provider = "OpenAI-compatible image provider", anyOf = {"atelier.providers.openai.base-url", "atelier.providers.openai.api-key"})
@EnableConfigurationProperties(OpenAiProviderProperties.class)
class OpenAiProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OpenAiProviderConfiguration.class);

    @Bean
    ImageProvider openAiImageProvider(OpenAiProviderProperties properties, SafeHttpFetcher fetcher) {
        OpenAiImageProvider provider = new OpenAiImageProvider(properties, fetcher);
        log.info("openai image provider on: {} serving {} ({})", properties.baseUrl(),
                provider.models().stream().map(m -> m.id()).toList(),
                properties.apiKey() == null ? "no API key" : "API key set");
        return provider;
    }
}
