package io.atelier.core.api;

import io.atelier.core.storage.ImageUrls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser safety headers on every answer (pages, and the APIs, where they cost nothing):
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, forms and connections from this origin only,
 *       no inline script or style, images from this origin (and {@code atelier.public-base-url}'s),
 *       no plugins, and {@code frame-ancestors 'none'}: no page can be framed (the one-keystroke
 *       moderation console least of all);</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers that predate {@code frame-ancestors};</li>
 *   <li>{@code Referrer-Policy: same-origin}: nothing of a console or gallery URL leaves the site;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}.</li>
 * </ul>
 * A handler that sets one of them itself keeps its own value.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter implements Ordered {

    private final String contentSecurityPolicy;
    /**
     * Swagger UI (a webjar served from this origin) sets inline styles and loads its configuration
     * script from this origin: the same policy plus inline styles, on its own pages only.
     */
    private final String swaggerUiPolicy;

    SecurityHeadersFilter(ImageUrls urls) {
        String images = urls.configuredBase().map(SecurityHeadersFilter::origin).map(o -> " " + o).orElse("");
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + images
                + "; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        this.swaggerUiPolicy = contentSecurityPolicy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", request.getRequestURI().startsWith("/swagger-ui")
                ? swaggerUiPolicy : contentSecurityPolicy);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }

    private static String origin(String base) {
        try {
            URI uri = URI.create(base);
            return uri.getScheme() + "://" + uri.getAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
