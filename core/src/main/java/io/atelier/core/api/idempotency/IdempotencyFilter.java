package io.atelier.core.api.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import io.atelier.core.api.RequestBodyTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * The servlet half of {@code Idempotency-Key} support, for POST requests that carry the header:
 * reads a non-multipart body up front so {@link IdempotencyInterceptor} can fingerprint it before the
 * controller runs, and captures the response so it can be stored for replay once it is complete.
 *
 * <p>Asynchronous answers ({@code Prefer: wait}, synchronous dialects) complete on the async
 * dispatch, so the filter runs on that dispatch too and stores only when no async work is pending.
 * Multipart bodies are left to the container (parsed once, parts kept) and fingerprinted by part.
 * Streamed answers ({@code Accept: text/event-stream}, e.g. MCP) are never buffered: the key is ignored there.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    static final String TOO_LARGE_ATTRIBUTE = IdempotencyFilter.class.getName() + ".tooLarge";

    private final IdempotencyProperties properties;
    private final IdempotencyStore store;
    private final IdempotencyResponses responses;

    IdempotencyFilter(IdempotencyProperties properties, IdempotencyStore store, IdempotencyResponses responses) {
        this.properties = properties;
        this.store = store;
        this.responses = responses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || !"POST".equals(request.getMethod())
                || request.getHeader(IdempotencyInterceptor.HEADER) == null || IdempotencyInterceptor.wantsStream(request);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest chained = request;
        if (!isAsyncDispatch(request) && readsRawBody(request)) {
            byte[] body = readBody(request);
            if (body == null) {
                request.setAttribute(TOO_LARGE_ATTRIBUTE, Boolean.TRUE);
                body = new byte[0];
            }
            chained = new CachedBodyRequest(request, body);
        }
        ContentCachingResponseWrapper existing = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        ContentCachingResponseWrapper captured = existing != null ? existing : new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(chained, captured);
        } catch (IOException | ServletException | RuntimeException e) {
            // No definite answer: give the key up so a retry runs afresh.
            releaseClaim(request);
            throw e;
        }
        if (!chained.isAsyncStarted()) {
            finish(request, captured);
            captured.copyBodyToResponse();
        }
    }

    private void finish(HttpServletRequest request, ContentCachingResponseWrapper response) {
        Object claim = request.getAttribute(IdempotencyInterceptor.CLAIM_ATTRIBUTE);
        if (!(claim instanceof IdempotencyInterceptor.ClaimedKey key)) {
            return;
        }
        request.removeAttribute(IdempotencyInterceptor.CLAIM_ATTRIBUTE);
        int status = response.getStatus();
        try {
            if (IdempotencyResponses.isReplayable(status)) {
                store.complete(key.teamId(), key.key(), status, responses.headersJson(response), response.getContentAsByteArray());
            } else {
                store.release(key.teamId(), key.key());
            }
        } catch (RuntimeException e) {
            // The answer itself stands; at worst a retry with this key runs again after the in-flight timeout.
            log.warn("could not record the answer for an idempotency key: {}", e.toString());
        }
    }

    private void releaseClaim(HttpServletRequest request) {
        Object claim = request.getAttribute(IdempotencyInterceptor.CLAIM_ATTRIBUTE);
        if (claim instanceof IdempotencyInterceptor.ClaimedKey key) {
            request.removeAttribute(IdempotencyInterceptor.CLAIM_ATTRIBUTE);
            try {
                store.release(key.teamId(), key.key());
            } catch (RuntimeException e) {
                log.warn("could not release an idempotency key: {}", e.toString());
            }
        }
    }

    private static boolean readsRawBody(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return !type.startsWith("multipart/") && !type.startsWith("application/x-www-form-urlencoded");
    }

    /** The whole body, or null when it is larger than the configured maximum. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long max = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return body.length > max ? null : body;
        } catch (RequestBodyTooLargeException overRouteLimit) {
            // Over the route's own limit (BodyLimitFilter marked the request): the key check answers 413.
            return new byte[0];
        }
    }
}
