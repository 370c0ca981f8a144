package io.atelier.core.provider.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.RetryPolicy;

/**
 * The one HTTP kit of every provider that talks HTTP through {@code java.net.http} (Gemini, Stability,
 * Replicate, AUTOMATIC1111, ComfyUI): HTTP/1.1, no redirects (they would carry the API key elsewhere),
 * bodies bounded to {@code max-response-size}, every failure mapped into {@link ProviderException} with
 * the API key redacted from any text that may reach a user or a log, {@code Retry-After} read by
 * {@link RetryAfter}, and retries that respect billing ({@link #billable}).
 *
 * <p>Time limits and cancellation: {@link #exchange} waits at most {@code connect-timeout + read-timeout}
 * for the complete answer (head and body). The exchange runs asynchronously while the calling thread
 * waits in 50 ms slices ({@link CancellableWait}); when the context is canceled or the thread
 * interrupted, the exchange is aborted and {@link ProviderException.Canceled} thrown within one slice
 * (the interrupt flag stays set).
 *
 * <p>Error mapping ({@link #fromStatus(int, HttpHeaders, String, String)}): 401/403 auth; 404 model or
 * endpoint not found; 429 rate limited; 503 a refusal (the backend did no work); 408/409/5xx unavailable
 * (the backend may have started); other 4xx a bad request; {@code Retry-After} kept on every retriable
 * one. A backend with its own error body parses it and passes its words to that method
 * ({@link ErrorMapper}); the others get {@link #fromStatus(HttpResponse)}, which reads the common shapes.
 * Refused connections and connect timeouts are refusals; read timeouts and resets after sending may
 * have started work.
 *
 * <p>Thread-safe; one instance per provider. {@link #close()} aborts calls in flight.
 */
public final class ProviderHttpClient implements AutoCloseable {

    private static final int MAX_MESSAGE = 500;

    /** How one backend's error answers (non-2xx) become failures. */
    @FunctionalInterface
    public interface ErrorMapper {
        ProviderException map(HttpResponse<byte[]> response);
    }

    private final String backend;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxResponseBytes;
    private final String apiKey;
    private final Clock clock;

    /**
     * @param backend    how messages name the backend, e.g. {@code Gemini}
     * @param connection its checked settings; the API key is redacted from every message
     */
    public ProviderHttpClient(String backend, ProviderConnection connection, Clock clock) {
        this.backend = backend;
        this.connectTimeout = connection.connectTimeout();
        this.readTimeout = connection.readTimeout();
        this.maxResponseBytes = connection.maxResponseSize().toBytes();
        this.apiKey = connection.apiKey();
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The underlying client, for what is not a bounded exchange: websockets, and best-effort
     * fire-and-forget requests (interrupts, cancels) whose answer does not matter.
     */
    public HttpClient client() {
        return http;
    }

    /**
     * Sends the request and returns the answer whatever its status; only a missing answer (timeout,
     * refused or reset connection, too large a body) or a cancel throws.
     */
    public HttpResponse<byte[]> exchange(HttpRequest request, ProviderContext context) throws ProviderException {
        return exchange(request, context, connectTimeout.plus(readTimeout));
    }

    /** {@link #exchange(HttpRequest, ProviderContext)} with a longer overall wait (Replicate's {@code Prefer: wait}). */
    public HttpResponse<byte[]> exchange(HttpRequest request, ProviderContext context, Duration limit)
            throws ProviderException {
        context.throwIfCancelled();
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, BoundedBodySubscriber.handler(maxResponseBytes));
        long deadline = System.nanoTime() + limit.toNanos();
        return CancellableWait.await(future, context, deadline,
                () -> ProviderException.Retriable.timeout(backend + " did not answer in time",
                        new HttpTimeoutException("no complete answer within " + limit)), this::fromTransport);
    }

    /** One try: a 2xx answer is returned, any other becomes {@code errors.map(answer)}. */
    public HttpResponse<byte[]> send(HttpRequest request, ProviderContext context, ErrorMapper errors)
            throws ProviderException {
        HttpResponse<byte[]> response = exchange(request, context);
        if (response.statusCode() / 100 == 2) {
            return response;
        }
        throw errors.map(response);
    }

    /** One try, failing with {@link #fromStatus(HttpResponse)} unless the answer is 2xx. */
    public HttpResponse<byte[]> send(HttpRequest request, ProviderContext context) throws ProviderException {
        return send(request, context, this::fromStatus);
    }

    /**
     * Runs a call that the backend bills and cannot deduplicate under {@code policy}, retrying only
     * failures that prove the request was not executed: an error status (429, 5xx: the backend
     * answered without producing) or a connection that was never made. A timeout or reset after the
     * request was sent may have started a billed generation, so it ends the call (still as a
     * {@link ProviderException.Retriable}, for callers that decide otherwise).
     */
    public static <T> T billable(RetryPolicy policy, ProviderContext context, RetryPolicy.Attempt<T> attempt)
            throws ProviderException {
        ProviderException.Retriable[] unsafe = new ProviderException.Retriable[1];
        T result = policy.execute(context, n -> {
            try {
                return attempt.run(n);
            } catch (ProviderException.Retriable e) {
                if (mayHaveReachedBackend(e)) {
                    unsafe[0] = e;
                    return null;
                }
                throw e;
            }
        });
        if (unsafe[0] != null) {
            throw unsafe[0];
        }
        return result;
    }

    /**
     * Whether a retriable failure may have happened after the backend received the request: false
     * for an error status (the backend answered) and for a connection that was never established.
     */
    public static boolean mayHaveReachedBackend(ProviderException.Retriable e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return false;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
                return false;
            }
        }
        return true;
    }

    /** The failure for a request that got no answer. */
    public ProviderException fromTransport(Throwable failure) {
        return transportFailure(backend, failure);
    }

    /**
     * The failure for a request to {@code backend} that got no answer: connect timeouts and refused
     * connections are refusals (nothing was sent), read timeouts and resets may have started work. The
     * message names the failure's class, never its text (it can name internal hosts).
     */
    public static ProviderException transportFailure(String backend, Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return ProviderException.Retriable.timeout("connecting to " + backend + " timed out", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return ProviderException.Retriable.timeout(backend + " did not answer in time", failure);
        }
        if (failure instanceof BoundedBodySubscriber.TooLargeException) {
            return ProviderException.NonRetriable.badResponse(backend + ": " + failure.getMessage(), failure);
        }
        if (failure instanceof ConnectException) {
            return ProviderException.Retriable.refused("could not connect to " + backend, null, failure);
        }
        if (failure instanceof IOException) {
            // Transport messages can name internal hosts; the class says enough to the user, the cause to the log.
            return ProviderException.Retriable.unavailable(
                    "the connection to " + backend + " failed (" + failure.getClass().getSimpleName() + ")", failure);
        }
        return new ProviderException.NonRetriable("PROVIDER_ERROR",
                "calling " + backend + " failed (" + failure.getClass().getSimpleName() + ")", failure);
    }

    /** The failure for a non-2xx answer in none of the backend's own formats: its message read from the common shapes. */
    public ProviderException fromStatus(HttpResponse<byte[]> response) {
        return fromStatus(response.statusCode(), response.headers(), ErrorBodies.message(response.body()), null);
    }

    /**
     * The failure for a non-2xx answer whose body said nothing more specific: 401/403 auth, 404 model
     * or endpoint not found, 429 rate limited, 503 refused, 408/409/5xx unavailable, other 4xx bad
     * request; retriable ones carry {@code Retry-After} when sent.
     *
     * @param upstream  the backend's own words, already parsed from its error body, or null
     * @param requestId the backend's id of the request, or null
     */
    public ProviderException fromStatus(int status, HttpHeaders headers, String upstream, String requestId) {
        String text = describe(backend + " answered HTTP " + status, upstream, requestId);
        Duration retryAfter = status == 429 || status == 503 || status == 408 || status == 409 || status >= 500
                ? retryAfter(headers).orElse(null) : null;
        if (status == 401 || status == 403) {
            return ProviderException.NonRetriable.authentication(text + " (check the provider's api-key)");
        }
        if (status == 404) {
            return new ProviderException.NonRetriable(HostedErrors.MODEL_NOT_FOUND,
                    text + " (check the provider's base-url and the model name)", null);
        }
        if (status == 429) {
            return ProviderException.Retriable.rateLimited(text, retryAfter);
        }
        if (status == 503) {
            return ProviderException.Retriable.refused(text, retryAfter, null);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new ProviderException.Retriable("PROVIDER_UNAVAILABLE", text, retryAfter, null, true);
        }
        if (status >= 400) {
            return ProviderException.NonRetriable.badRequest(text);
        }
        return HostedErrors.badResponse(text);
    }

    /**
     * {@code what: upstream [request id]}, whitespace collapsed, the upstream part cut at 500
     * characters, the API key redacted (before the cut, so no part of it survives).
     */
    public String describe(String what, String upstream, String requestId) {
        StringBuilder text = new StringBuilder(what);
        if (upstream != null && !upstream.isBlank()) {
            String message = redact(upstream).replaceAll("\\s+", " ").strip();
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "…";
            }
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" [request ").append(requestId).append(']');
        }
        return redact(text.toString());
    }

    /** Removes the API key from any text that may reach a user or a log. */
    public String redact(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "****");
    }

    /**
     * How long the backend asks us to wait: {@code Retry-After} as seconds or an HTTP date; empty
     * when absent or unreadable.
     */
    public Optional<Duration> retryAfter(HttpHeaders headers) {
        return RetryAfter.of(headers, clock);
    }

    /** Aborts calls in flight; the client cannot be used afterwards. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
