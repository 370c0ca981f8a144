package io.atelier.core.provider.comfyui;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import io.atelier.core.provider.ImageProvider;

/**
 * Wires the {@code comfyui} provider when {@code atelier.providers.comfyui.base-url} is set; the workflow
 * is loaded and its node mapping checked at start, so a wrong mapping fails the start, not a generation.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProviderSettings(provider = "ComfyUI image provider", anyOf = "atelier.providers.comfyui.base-url")
@EnableConfigurationProperties(ComfyUiProperties.class)
class ComfyUiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ComfyUiConfiguration.class);

    @Bean
    ImageProvider comfyUiImageProvider(ComfyUiProperties properties, ResourceLoader resources) {
        ComfyUiImageProvider provider = new ComfyUiImageProvider(properties, WorkflowTemplate.load(properties, resources),
                WorkflowTemplate.loadEdit(properties, resources));
        log.info("comfyui image provider on: {} serving {} with workflow {} (edits: {})", properties.baseUrl(),
                provider.models().stream().map(m -> m.id()).toList(), properties.workflow(),
                properties.editWorkflow() == null ? "off" : properties.editWorkflow());
        return provider;
    }
}
