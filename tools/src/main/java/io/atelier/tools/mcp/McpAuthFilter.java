package io.atelier.tools.mcp;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
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
 * MVC {@code ApiKeyInterceptor} does not see it. Accepted: an API key ({@code X-API-Key: KEY} or
 * {@code Authorization: Bearer KEY}), or an OAuth access token of Atelier's authorization server
 * ({@link McpBearerTokens}, when on). Otherwise 401 with {@code WWW-Authenticate: Bearer}, naming the
 * protected resource metadata when OAuth is on, which is how MCP clients discover the sign-in.
 */
class McpAuthFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = McpAuthFilter.class.getName() + ".caller";

    private final AccountService accounts;
    private final ObjectProvider<McpBearerTokens> tokens;

    McpAuthFilter(AccountService accounts, ObjectProvider<McpBearerTokens> tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        McpBearerTokens oauth = tokens.getIfAvailable();
        String key = presentedKey(request);
        if (key == null) {
            unauthorized(request, response, oauth, "invalid_request",
                    "missing credentials: send Authorization: Bearer <API key or access token>, or X-API-Key: KEY");
            return;
        }
        Optional<Caller> caller = accounts.authenticate(key);
        if (caller.isEmpty() && oauth != null) {
            caller = oauth.authenticate(key);
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
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = ("{\"success\":false,\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
