package io.atelier.core.storage;

import io.atelier.core.common.AtelierProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs of image bytes: {@code <base>/files/<token>.<ext>}. The token is 192 random bits,
 * so the URL itself is the capability; no key is needed to download.
 *
 * <p>The base is {@code atelier.public-base-url} when set (behind a proxy), else the current
 * request's scheme/host/port, else {@code http://localhost:<server.port>} for work done outside a
 * request (chat delivery, tools).
 */
@Component
public class ImageUrls {

    public static final String FILES_PATH = "/files/";

    private final String configuredBase;
    private volatile int port;

    ImageUrls(AtelierProperties properties, @Value("${server.port:8080}") int port) {
        String base = properties.publicBaseUrl();
        this.configuredBase = base == null || base.isBlank() ? null : stripSlash(base.trim());
        this.port = port;
    }

    /**
     * The port the server really listens on: with {@code server.port=0} (random port) the
     * configured value is not a usable port for URLs made outside a request.
     */
    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        // A separate management server (its own namespace) does not serve the image files.
        if (event.getApplicationContext().getServerNamespace() == null && event.getWebServer().getPort() > 0) {
            this.port = event.getWebServer().getPort();
        }
    }

    public String urlFor(StoredImage image) {
        return base() + FILES_PATH + image.urlToken() + "." + image.extension();
    }

    /**
     * The absolute base URL of this service by the rule above; other features' public URLs
     * (provenance records, gallery pages) are built on it.
     */
    public String base() {
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
