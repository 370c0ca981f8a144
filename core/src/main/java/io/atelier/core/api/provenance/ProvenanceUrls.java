package io.atelier.core.api.provenance;

import io.atelier.core.common.AtelierProperties;
import io.atelier.core.provenance.SignedProvenance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs of provenance resources. The base follows the same rule as image URLs
 * ({@code io.atelier.core.storage.ImageUrls}): {@code atelier.public-base-url} when set, else the
 * current request's scheme/host/port, else {@code http://localhost:<server.port>}.
 *
 * <p>The permanent image URL is content-addressed: {@code <base>/files/provenance/<sha256>.<ext>},
 * where the hash is that of the bytes served, so anyone can check what they downloaded.
 */
@Component
public class ProvenanceUrls {

    public static final String API_PATH = "/api/v1/provenance";
    public static final String PERMANENT_FILES_PATH = "/files/provenance/";

    private final String configuredBase;
    private final int port;

    ProvenanceUrls(AtelierProperties properties, @Value("${server.port:8080}") int port) {
        String base = properties.publicBaseUrl();
        this.configuredBase = base == null || base.isBlank() ? null : stripSlash(base.trim());
        this.port = port;
    }

    public String permanentImageUrl(SignedProvenance provenance) {
        return base() + PERMANENT_FILES_PATH + provenance.permanentSha256() + "." + provenance.permanentExtension();
    }

    public String recordUrl(String recordId) {
        return base() + API_PATH + "/" + recordId;
    }

    public String verifyUrl() {
        return base() + API_PATH + "/verify";
    }

    public String publicKeyUrl() {
        return base() + API_PATH + "/public-key";
    }

    private String base() {
        if (configuredBase != null) {
            return configuredBase;
        }
        if (RequestContextHolder.getRequestAttributes() != null) {
            return stripSlash(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        }
        return "http://localhost:" + port;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
