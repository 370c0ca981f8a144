package io.atelier.core.api;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates API requests ({@code X-API-Key: KEY} or {@code Authorization: Bearer KEY}; Cuppa's
 * {@code X-API-KEY} is the same header) and applies the per-key rate limit, setting
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} (seconds until
 * the bucket is full) on every authenticated response and {@code Retry-After} on 429.
 *
 * <p>Runs as a handler interceptor, not a servlet filter, so its exceptions reach the
 * {@code @ExceptionHandler}s of the matched controller and come out in that dialect's error shape.
 */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

    public static final String CALLER_ATTRIBUTE = ApiKeyInterceptor.class.getName() + ".caller";

    private final AccountService accounts;
    private final RateLimiter rateLimiter;

    ApiKeyInterceptor(AccountService accounts, RateLimiter rateLimiter) {
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // An asynchronous answer (Prefer: wait, synchronous dialects) is dispatched a second time;
        // it was authenticated and counted on the first pass.
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            return true;
        }
        if (!(handler instanceof HandlerMethod method) || method.getBeanType().isAnnotationPresent(PublicEndpoint.class)
                || method.hasMethodAnnotation(PublicEndpoint.class)) {
            return true;
        }
        String key = presentedKey(request);
        if (key == null) {
            throw new UnauthorizedException("missing API key: send X-API-Key: KEY or Authorization: Bearer KEY");
        }
        Optional<Caller> caller = accounts.authenticate(key);
        if (caller.isEmpty()) {
            throw new UnauthorizedException("invalid API key");
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        if (rateLimiter.enabled()) {
            RateLimiter.Decision decision = rateLimiter.tryConsume(caller.get().keyId());
            response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
            response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            response.setHeader("X-RateLimit-Reset", Long.toString(ceilSeconds(decision.resetIn().toMillis())));
            if (!decision.allowed()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(decision.retryAfter().toMillis()))));
                throw new RateLimitExceededException(decision.retryAfter());
            }
        }
        return true;
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
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
