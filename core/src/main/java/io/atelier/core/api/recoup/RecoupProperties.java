package io.atelier.core.api.recoup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Recoup dialect ({@code atelier.recoup.*}).
 *
 * @param timeout           how long {@code GET /api/image/generate} waits for the image before it
 *                          answers 504 (the generation keeps running and stays visible in the native
 *                          API); 1 s to 300 s (the servlet's async limit is 330 s)
 * @param includeUint8Array also send each image as {@code uint8Array} (a JSON array of byte values,
 *                          about 3.6 characters per image byte) for clients that read that field
 *                          instead of {@code base64}; off by default
 * @param anonymousTeam     the team (id or name) that requests without an API key are charged to, as
 *                          Recoup's document has no authentication; such requests are rate-limited per
 *                          client address ({@code atelier.rate-limit.per-key}). Unset (the default) =
 *                          Recoup needs a key like every other API. A name that no team has yet creates
 *                          that team on the first such request.
 */
@ConfigurationProperties("atelier.recoup")
public record RecoupProperties(
        @DefaultValue("120s") Duration timeout,
        @DefaultValue("false") boolean includeUint8Array,
        String anonymousTeam) {

    public RecoupProperties {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(300)) > 0) {
            throw new IllegalArgumentException("atelier.recoup.timeout must be between 1s and 300s");
        }
        anonymousTeam = anonymousTeam == null || anonymousTeam.isBlank() ? null : anonymousTeam.strip();
    }
}
