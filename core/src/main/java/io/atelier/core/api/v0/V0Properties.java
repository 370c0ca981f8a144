package io.atelier.core.api.v0;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the v0 dialect, under {@code atelier.v0}.
 *
 * @param syncTimeout           how long a sync {@code POST /v0/images/generations} waits before its 504 (default 180s)
 * @param credits               credits per image by v0 resolution ({@code low}, {@code standard}, {@code high},
 *                              {@code 4k}); unset entries keep the document's defaults 1, 1, 2, 4. A request costs
 *                              {@code credits[resolution] × sampleCount}, whatever the model.
 * @param maxReferenceImageSize largest reference image ({@code refImageBase64} after decoding, or fetched from
 *                              {@code refImageUrls}), default 10MB
 * @param modelAliases          v0 model names ({@code modelVersion}) mapped to catalog ids, e.g.
 *                              {@code atelier.v0.model-aliases[gemini-3-pro-image-preview]=openai/gpt-image-1}; a
 *                              {@code modelVersion} that is neither an alias nor a catalog id is a 400
 */
@ConfigurationProperties("atelier.v0")
record V0Properties(
        @DefaultValue("180s") Duration syncTimeout,
        Map<String, Integer> credits,
        @DefaultValue("10MB") DataSize maxReferenceImageSize,
        Map<String, String> modelAliases) {

    static final Map<String, Integer> DEFAULT_CREDITS = defaults();
    static final Set<String> RESOLUTIONS = DEFAULT_CREDITS.keySet();

    V0Properties {
        Map<String, Integer> merged = new LinkedHashMap<>(DEFAULT_CREDITS);
        if (credits != null) {
            credits.forEach((resolution, cost) -> {
                if (!RESOLUTIONS.contains(resolution)) {
                    throw new IllegalArgumentException("atelier.v0.credits." + resolution
                            + " is not a v0 resolution (low, standard, high, 4k)");
                }
                if (cost == null || cost < 0) {
                    throw new IllegalArgumentException("atelier.v0.credits." + resolution + " must be 0 or more");
                }
                merged.put(resolution, cost);
            });
        }
        credits = Map.copyOf(merged);
        modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
        if (syncTimeout.isNegative() || syncTimeout.isZero()) {
            throw new IllegalArgumentException("atelier.v0.sync-timeout must be positive: " + syncTimeout);
        }
        if (maxReferenceImageSize.toBytes() < 1) {
            throw new IllegalArgumentException("atelier.v0.max-reference-image-size must be positive");
        }
    }

    /** The catalog id a {@code modelVersion} stands for: its alias target, or itself. */
    String catalogModel(String modelVersion) {
        return modelAliases.getOrDefault(modelVersion, modelVersion);
    }

    /** Credits for one image at a v0 resolution. */
    int creditsPerImage(String resolution) {
        return credits.get(resolution);
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("low", 1);
        m.put("standard", 1);
        m.put("high", 2);
        m.put("4k", 4);
        return Collections.unmodifiableMap(m);
    }
}
