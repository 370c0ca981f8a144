package io.atelier.tools.mcp;

import io.atelier.core.account.Caller;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.RequestGate;
import io.atelier.core.generation.GenerationSource;
import io.atelier.tools.ToolCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication of {@code /mcp}: the MCP transport is a plain servlet, outside Spring MVC, so the
 * MVC {@code ApiKeyInterceptor} does not see it; it passes the same {@link RequestGate} (failed-auth
 * throttle per address, the per-key rate limit shared with every other surface, {@code X-RateLimit-*}
 * headers). Accepted: an OAuth access token of Atelier's authorization server ({@link McpBearerTokens},
 * when on; checked first, so a token is never counted as a wrong API key), or an API key
 * ({@code X-API-Key: KEY} or {@code Authorization: Bearer KEY}). Otherwise 401 with
 * {@code WWW-Authenticate: Bearer}, naming the protected resource metadata when OAuth is on, which is
 * how MCP clients discover the sign-in; 429 with {@code Retry-After} when limited.
 */
class McpAuthFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = McpAuthFilter.class.getName() + ".caller";

    private final RequestGate gate;
    private final ObjectProvider<McpBearerTokens> tokens;

    McpAuthFilter(RequestGate gate, ObjectProvider<McpBearerTokens> tokens) {
        this.gate = gate;
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        McpBearerTokens oauth = tokens.getIfAvailable();
        String key = RequestGate.presentedKey(request);
        if (key == null) {
            unauthorized(request, response, oauth, "invalid_request",
                    "missing credentials: send Authorization: Bearer <API key or access token>, or X-API-Key: KEY");
            return;
        }
        Optional<Caller> caller;
        try {
            caller = oauth == null ? Optional.empty() : oauth.authenticate(key);
            if (caller.isEmpty()) {
                caller = gate.checkKey(key, request, response, "mcp");
            }
            if (caller.isPresent()) {
                gate.admit(caller.get().keyId(), response);
            }
        } catch (RateLimitExceededException e) {
            error(response, 429, "RATE_LIMIT_EXCEEDED", e.getMessage());
            return;
        }
        if (caller.isEmpty()) {
            unauthorized(request, response, oauth, "invalid_token", "invalid or expired API key or access token");
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, new ToolCaller(caller.get(), GenerationSource.MCP));
        chain.doFilter(request, response);
    }

    static ToolCaller caller(HttpServletRequest request) {
        if (request.getAttribute(CALLER_ATTRIBUTE) instanceof ToolCaller caller) {
            return caller;
        }
        throw new IllegalStateException("/mcp reached without authentication");
    }

    /** Who owns a session: the API key (an OAuth grant acts for the key that signed in). */
    static String principal(ToolCaller caller) {
        return "key:" + caller.caller().keyId();
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, McpBearerTokens oauth,
                                     String error, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        String challenge = "Bearer realm=\"atelier\"";
        if (oauth != null) {
            challenge += ", error=\"" + error + "\", resource_metadata=\"" + oauth.resourceMetadataUrl(request) + "\"";
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        error(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED", message);
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = ("{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\""
                + message.replace("\"", "'") + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
