package io.atelier.core.api;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The one gate of every authenticated surface: the HTTP APIs ({@link ApiKeyInterceptor}), the MCP
 * servlet, the moderation console and the chat bots. It
 * <ul>
 *   <li>throttles failed authentication per client address: after
 *       {@code atelier.rate-limit.failed-auth-per-address} wrong keys in a minute, every request from
 *       that address that presents a key answers 429 with {@code Retry-After}, without the key being
 *       checked; each failure and each throttled attempt is counted in the metric
 *       {@value #FAILURE_METRIC} (tags {@code surface}, {@code outcome});</li>
 *   <li>spends one request from the key's bucket ({@code atelier.rate-limit.per-key} a minute, shared
 *       by all surfaces) and sets {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 *       {@code X-RateLimit-Reset} (seconds until full) on the HTTP answer, {@code Retry-After} on 429.</li>
 * </ul>
 *
 * <p>Threading: called concurrently from request and bot threads. An address's "throttled until" is
 * also remembered in this instance, so a throttled client costs no store round trip; with a shared
 * store every instance refuses it after at most one more failure of its own.
 */
@Component
public class RequestGate {

    public static final String FAILURE_METRIC = "atelier.auth.failures";
    private static final int MAX_REMEMBERED_ADDRESSES = 100_000;

    private final AccountService accounts;
    private final RateLimiter limiter;
    private final ObjectProvider<MeterRegistry> meters;
    private final ConcurrentHashMap<String, Long> throttledUntil = new ConcurrentHashMap<>();

    public RequestGate(AccountService accounts, RateLimiter limiter, ObjectProvider<MeterRegistry> meters) {
        this.accounts = accounts;
        this.limiter = limiter;
        this.meters = meters;
    }

    /**
     * Authenticates the key an HTTP request presents ({@code X-API-Key} or {@code Authorization: Bearer})
     * and spends one request of its bucket.
     *
     * @param surface names the surface in the failure metric ({@code api}, {@code mcp} …)
     * @throws UnauthorizedException          no key, or a wrong or revoked one (401)
     * @throws AuthenticationThrottledException too many failures from this address (429)
     * @throws RateLimitExceededException     the key's requests for now are used up (429)
     */
    public Caller authenticate(HttpServletRequest request, HttpServletResponse response, String surface) {
        String key = presentedKey(request);
        if (key == null) {
            throw new UnauthorizedException("missing API key: send X-API-Key: KEY or Authorization: Bearer KEY");
        }
        Caller caller = checkKey(key, request, response, surface)
                .orElseThrow(() -> new UnauthorizedException("invalid API key"));
        admit(caller.keyId(), response);
        return caller;
    }

    /**
     * Checks a key presented some other way (the moderation console's sign-in form), with the same
     * per-address throttle. Does not spend from the key's bucket.
     *
     * @return the caller, or empty for a wrong or revoked key (counted as a failure)
     * @throws AuthenticationThrottledException too many failures from this address (429)
     */
    public Optional<Caller> checkKey(String key, HttpServletRequest request, HttpServletResponse response, String surface) {
        String address = address(request);
        refuseWhileThrottled(address, response, surface);
        Optional<Caller> caller = accounts.authenticate(key);
        if (caller.isEmpty()) {
            failed(address, response, surface);
        }
        return caller;
    }

    /**
     * Spends one request of an authenticated key or principal (API key id, {@code discord:<user>} …)
     * and, for HTTP, sets the rate-limit headers.
     *
     * @param response the HTTP answer to carry the headers, or null (chat)
     * @throws RateLimitExceededException when the key's requests for now are used up
     */
    public void admit(String keyId, HttpServletResponse response) {
        if (!limiter.enabled()) {
            return;
        }
        RateLimiter.Decision decision = limiter.tryConsume(keyId);
        if (response != null) {
            response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
            response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            response.setHeader("X-RateLimit-Reset", Long.toString(ceilSeconds(decision.resetIn())));
        }
        if (!decision.allowed()) {
            if (response != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RateLimitExceededException.seconds(decision.retryAfter())));
            }
            throw new RateLimitExceededException(decision.retryAfter());
        }
    }

    private void refuseWhileThrottled(String address, HttpServletResponse response, String surface) {
        Long until = throttledUntil.get(address);
        if (until == null) {
            return;
        }
        long left = until - System.nanoTime();
        if (left <= 0) {
            throttledUntil.remove(address, until);
            return;
        }
        count(surface, "throttled");
        throw throttled(Duration.ofNanos(left), response);
    }

    private void failed(String address, HttpServletResponse response, String surface) {
        count(surface, "invalid");
        if (!limiter.failedAuthenticationLimited()) {
            return;
        }
        RateLimiter.Decision decision = limiter.tryConsumeFailedAuthentication(address);
        if (!decision.allowed()) {
            if (throttledUntil.size() > MAX_REMEMBERED_ADDRESSES) {
                long now = System.nanoTime();
                throttledUntil.values().removeIf(t -> t - now <= 0);
            }
            throttledUntil.put(address, System.nanoTime() + decision.retryAfter().toNanos());
            count(surface, "throttled");
            throw throttled(decision.retryAfter(), response);
        }
    }

    private static AuthenticationThrottledException throttled(Duration retryAfter, HttpServletResponse response) {
        if (response != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RateLimitExceededException.seconds(retryAfter)));
        }
        return new AuthenticationThrottledException(retryAfter);
    }

    private void count(String surface, String outcome) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Counter.builder(FAILURE_METRIC).description("Failed authentications, and attempts refused while their address was throttled")
                    .tag("surface", surface).tag("outcome", outcome).register(registry).increment();
        }
    }

    /** The client address: Tomcat's, which {@code server.forward-headers-strategy} makes the client's behind a proxy. */
    static String address(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "unknown" : address;
    }

    private static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    /** The key a request presents: {@code X-API-Key: KEY} (Cuppa's {@code X-API-KEY} is the same header) or {@code Authorization: Bearer KEY}. */
    public static String presentedKey(HttpServletRequest request) {
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
