package io.atelier.core.common;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-wide settings under {@code atelier.*}.
 *
 * @param dataDir              embedded database, images and the first admin key ({@code ATELIER_DATA_DIR})
 * @param bootstrapApiKey      first admin key, used only when no key exists yet; never logged
 * @param publicBaseUrl        absolute base of image URLs (e.g. behind a proxy); empty = the request's own
 * @param defaultTeamCredits   credits a new team starts with
 */
@ConfigurationProperties("atelier")
public record AtelierProperties(
        @DefaultValue("./data") Path dataDir,
        String bootstrapApiKey,
        String publicBaseUrl,
        @DefaultValue("10000") long defaultTeamCredits) {

    @Override
    public String toString() {
        return "AtelierProperties[dataDir=" + dataDir + ", bootstrapApiKey=" + (bootstrapApiKey == null ? "unset" : "****")
                + ", publicBaseUrl=" + publicBaseUrl + ", defaultTeamCredits=" + defaultTeamCredits + "]";
    }
}
