package io.atelier.core.routing;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Model routing ({@code atelier.models.*}).
 *
 * @param previewFallback send the seed documents' model names ({@code gpt-image-1}, {@code dall-e-3},
 *                        {@code gemini-3-pro-image-preview} …) to {@code local/preview} when no
 *                        configured provider serves them, so a client written against a document works
 *                        on a fresh install; false = such names are unknown models (404/400 as the
 *                        dialect says)
 * @param routes          extra or overriding routes, requested model name to catalog id, e.g.
 *                        {@code atelier.models.routes.dall-e-3=stability/sd3.5-large}
 */
@ConfigurationProperties("atelier.models")
public record ModelsProperties(
        @DefaultValue("true") boolean previewFallback,
        Map<String, String> routes) {

    public ModelsProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }
}
