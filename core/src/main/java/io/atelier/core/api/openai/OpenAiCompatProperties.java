package io.atelier.core.api.openai;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the OpenAI-compatible dialect ({@code atelier.openai-compat.*}).
 *
 * @param aliases model names clients may send, each mapped to a catalog id, e.g.
 *                {@code atelier.openai-compat.aliases.gpt-image-1=openai/gpt-image-1}. Keys with dots
 *                need brackets ({@code aliases[gpt-image-1.5]}); every target must be a catalog id,
 *                checked at start-up. The alias {@code dall-e-2}, when present, is also the model of
 *                requests that name none (OpenAI's documented default).
 * @param maxWait how long {@code POST /v1/images/*} holds the request for the generation to finish
 *                before answering 504 with the generation id (the generation keeps running)
 */
@ConfigurationProperties("atelier.openai-compat")
record OpenAiCompatProperties(Map<String, String> aliases, @DefaultValue("300s") Duration maxWait) {

    OpenAiCompatProperties {
        // Sorted, so GET /v1/models lists aliases in a stable order.
        Map<String, String> copy = new TreeMap<>();
        if (aliases != null) {
            aliases.forEach((alias, target) -> copy.put(alias.trim(), target == null ? "" : target.trim()));
        }
        aliases = Collections.unmodifiableMap(new LinkedHashMap<>(copy));
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("atelier.openai-compat.max-wait must be positive, e.g. 300s");
        }
    }
}
