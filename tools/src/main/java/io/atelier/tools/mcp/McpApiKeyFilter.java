package io.atelier.tools.mcp;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API key check for {@code /mcp}: the MCP transport is a plain servlet, outside Spring MVC,
 * so the MVC {@code ApiKeyInterceptor} does not see it. Same rule: {@code X-API-Key: KEY} or
 * {@code Authorization: Bearer KEY}, else 401 (with {@code WWW-Authenticate: Bearer}). The caller
 * goes into a request attribute, from which the transport's context extractor takes it.
 */
class McpApiKeyFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = McpApiKeyFilter.class.getName() + ".caller";

    private final AccountService accounts;

    McpApiKeyFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key == null) {
            unauthorized(response, "missing API key: send X-API-Key: KEY or Authorization: Bearer KEY");
            return;
        }
        Optional<Caller> caller = accounts.authenticate(key);
        if (caller.isEmpty()) {
            unauthorized(response, "invalid API key");
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"atelier\"");
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
