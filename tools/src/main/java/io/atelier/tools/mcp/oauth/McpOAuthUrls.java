package io.atelier.tools.mcp.oauth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The origin OAuth metadata speaks of: {@code atelier.public-base-url} when set (behind a proxy),
 * else the request's own scheme, host and port (the client reached us there, so discovery documents
 * must name the same origin).
 */
final class McpOAuthUrls {

    static final String MCP_PATH = "/mcp";
    static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";
    static final String SIGN_IN = "/oauth2/sign-in";
    static final String SCOPE = "mcp";

    private final String configuredBase;

    McpOAuthUrls(String configuredBase) {
        String base = configuredBase == null ? "" : configuredBase.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.configuredBase = base.isEmpty() ? null : base;
    }

    String origin(HttpServletRequest request) {
        if (configuredBase != null) {
            return configuredBase;
        }
        return ServletUriComponentsBuilder.fromContextPath(request).replacePath(null).replaceQuery(null).build().toUriString();
    }

    /** The configured base, or null when the issuer follows the request. */
    String configuredBase() {
        return configuredBase;
    }

    String resource(HttpServletRequest request) {
        return origin(request) + MCP_PATH;
    }

    String resourceMetadata(HttpServletRequest request) {
        return origin(request) + RESOURCE_METADATA + MCP_PATH;
    }
}
