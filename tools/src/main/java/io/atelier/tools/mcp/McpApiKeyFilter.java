package io.atelier.tools.mcp;

import io.atelier.core.account.Caller;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.RequestGate;
import io.atelier.core.api.UnauthorizedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API key check for {@code /mcp}: the MCP transport is a plain servlet, outside Spring MVC,
 * so the MVC {@code ApiKeyInterceptor} does not see it; it passes the same {@link RequestGate}
 * (failed-auth throttle per address, per-key rate limit shared with every other surface,
 * {@code X-RateLimit-*} headers). {@code X-API-Key: KEY} or {@code Authorization: Bearer KEY}, else
 * 401 (with {@code WWW-Authenticate: Bearer}); 429 with {@code Retry-After} when limited. The caller
 * goes into a request attribute, from which the transport's context extractor takes it.
 */
class McpApiKeyFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = McpApiKeyFilter.class.getName() + ".caller";

    private final RequestGate gate;

    McpApiKeyFilter(RequestGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = gate.authenticate(request, response, "mcp");
        } catch (UnauthorizedException e) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"atelier\"");
            error(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED", e.getMessage());
            return;
        } catch (RateLimitExceededException e) {
            error(response, 429, "RATE_LIMIT_EXCEEDED", e.getMessage());
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = ("{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
