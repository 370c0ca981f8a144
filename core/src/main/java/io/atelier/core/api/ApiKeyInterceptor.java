package io.atelier.core.api;

import io.atelier.core.account.Caller;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates API requests through the {@link RequestGate} ({@code X-API-Key: KEY} or
 * {@code Authorization: Bearer KEY}; Cuppa's {@code X-API-KEY} is the same header): the failed-auth
 * throttle, the key check and the per-key rate limit, with {@code X-RateLimit-*} on every
 * authenticated response and {@code Retry-After} on 429.
 *
 * <p>Runs as a handler interceptor, not a servlet filter, so its exceptions reach the
 * {@code @ExceptionHandler}s of the matched controller and come out in that dialect's error shape.
 */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

    public static final String CALLER_ATTRIBUTE = ApiKeyInterceptor.class.getName() + ".caller";

    private final RequestGate gate;
    private final List<AnonymousAccess> anonymous;

    ApiKeyInterceptor(RequestGate gate, List<AnonymousAccess> anonymous) {
        this.gate = gate;
        this.anonymous = List.copyOf(anonymous);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // An asynchronous answer (Prefer: wait, synchronous dialects) is dispatched a second time;
        // it was authenticated and counted on the first pass.
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            return true;
        }
        // A body over the route's limit (BodyLimitFilter): 413 before anything reads it.
        if (request.getAttribute(BodyLimitFilter.TOO_LARGE_ATTRIBUTE) instanceof Long limit) {
            throw new RequestBodyTooLargeException(limit);
        }
        if (!(handler instanceof HandlerMethod method) || method.getBeanType().isAnnotationPresent(PublicEndpoint.class)
                || method.hasMethodAnnotation(PublicEndpoint.class)) {
            return true;
        }
        if (RequestGate.presentedKey(request) == null) {
            for (AnonymousAccess access : anonymous) {
                Optional<Caller> caller = access.callerFor(request, method);
                if (caller.isPresent()) {
                    // Spends from the bucket of the caller's key id, which names the client address.
                    gate.admit(caller.get().keyId(), response);
                    request.setAttribute(CALLER_ATTRIBUTE, caller.get());
                    return true;
                }
            }
        }
        request.setAttribute(CALLER_ATTRIBUTE, gate.authenticate(request, response, "api"));
        return true;
    }

    static String presentedKey(HttpServletRequest request) {
        return RequestGate.presentedKey(request);
    }
}
