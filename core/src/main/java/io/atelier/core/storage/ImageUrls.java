package io.atelier.core.storage;

import io.atelier.core.common.AtelierProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs of this service, from configuration, never from what a client claims:
 * <ol>
 *   <li>{@code atelier.public-base-url} when set (the address people use, e.g. behind a proxy);</li>
 *   <li>else, inside an HTTP request, the request's own scheme/host/port, but only when its host
 *       ({@code Host} header) is one of {@code atelier.allowed-hosts} (default: the local names
 *       {@code localhost}, {@code 127.0.0.1}, {@code ::1});</li>
 *   <li>else, inside a request from another host, no absolute base: URLs are relative
 *       ({@code /files/…}), so a forged {@code Host} header can never end up in an answer, a feed or
 *       a cache;</li>
 *   <li>outside any request (chat delivery, tools run by the bots), {@code http://localhost:<port>},
 *       which only works on this machine: set {@code atelier.public-base-url} for anything else.</li>
 * </ol>
 * Image bytes are at {@code <base>/files/<token>.<ext>}: the token is 192 random bits, so the URL
 * itself is the capability; no key is needed to download.
 */
@Component
public class ImageUrls {

    public static final String FILES_PATH = "/files/";
    static final List<String> DEFAULT_ALLOWED_HOSTS = List.of("localhost", "127.0.0.1", "::1");

    private final String configuredBase;
    private final Set<String> allowedHosts;
    private volatile int port;

    ImageUrls(AtelierProperties properties, Environment environment, @Value("${server.port:8080}") int port) {
        String base = properties.publicBaseUrl();
        this.configuredBase = base == null || base.isBlank() ? null : stripSlash(base.trim());
        this.allowedHosts = Binder.get(environment).bind("atelier.allowed-hosts", Bindable.listOf(String.class))
                .orElse(DEFAULT_ALLOWED_HOSTS).stream()
                .map(ImageUrls::normalizeHost).filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
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
     * The base to put in front of this service's paths by the rule above: an absolute base when one
     * is trusted here, else the empty string (so {@code base() + "/gallery"} is a relative URL).
     */
    public String base() {
        return absoluteBase().orElse("");
    }

    /**
     * Whether there is a trusted absolute base in this context (see the class comment): always when
     * {@code atelier.public-base-url} is set; in a request, when its host is allowed; outside
     * requests, the local {@code http://localhost:<port>}. When false, the URLs this class makes
     * are relative and a client must resolve them against the address it used.
     */
    public boolean hasTrustedAbsoluteBase() {
        return absoluteBase().isPresent();
    }

    /** The trusted absolute base in this context, without a trailing slash; empty when URLs must be relative. */
    public Optional<String> absoluteBase() {
        if (configuredBase != null) {
            return Optional.of(configuredBase);
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return isAllowedHost(servlet.getRequest())
                    ? Optional.of(stripSlash(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()))
                    : Optional.empty();
        }
        if (attributes != null) {
            return Optional.empty();
        }
        return Optional.of("http://localhost:" + port);
    }

    /** The configured {@code atelier.public-base-url}, if any (its origin may serve this service's pages and images). */
    public Optional<String> configuredBase() {
        return Optional.ofNullable(configuredBase);
    }

    /** Whether the request's host (from its {@code Host} header) is one of {@code atelier.allowed-hosts}. */
    public boolean isAllowedHost(HttpServletRequest request) {
        String host = normalizeHost(request.getServerName());
        return allowedHosts.contains(host) || allowedHosts.contains(host + ":" + request.getServerPort());
    }

    private static String normalizeHost(String host) {
        if (host == null) {
            return "";
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) + h.substring(end + 1) : h;
        }
        return h;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
