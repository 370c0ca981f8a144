package io.atelier.core.provider.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;

/**
 * One backend's HTTP exchanges for the hand-written providers (AUTOMATIC1111, ComfyUI): sends a request
 * asynchronously and waits for it in short slices so that cancellation is noticed within one slice,
 * bounds the body it reads, and maps every failure into the {@link ProviderException} hierarchy.
 *
 * <p>Time limits: a request carries its own read timeout (time to the response head); the wait here
 * additionally bounds a body that stalls to {@code readTimeout} after sending. Connect timeouts are the
 * {@link HttpClient}'s. Nothing here retries: retries, the circuit breaker and the overall time limit
 * belong to the resilience layer that wraps every provider.
 *
 * <p>Error mapping: 401/403 auth; 404 not found; 429 rate limited (honouring {@code Retry-After});
 * 503 a refusal (the backend did no work); 408/409/500/502/504 unavailable (the backend may have
 * started); other 4xx a bad request. Connection refused and connect timeouts are refusals; read
 * timeouts and resets after sending may have started work. Messages never contain {@code secret}.
 *
 * <p>Thread-safe.
 */
public final class ProviderHttp {

    private static final int MAX_MESSAGE = 500;

    private final String backend;
    private final HttpClient client;
    private final Duration readTimeout;
    private final long maxBody;
    private final Clock clock;
    private final String secret;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param backend     how messages name the backend, e.g. {@code AUTOMATIC1111}
     * @param client      the client (with its connect timeout)
     * @param readTimeout longest wait for one complete answer
     * @param maxBody     largest body read
     * @param clock       for HTTP-date {@code Retry-After}
     * @param secret      a credential to keep out of messages, or null
     */
    public ProviderHttp(String backend, HttpClient client, Duration readTimeout, long maxBody, Clock clock, String secret) {
        this.backend = backend;
        this.client = client;
        this.readTimeout = readTimeout;
        this.maxBody = maxBody;
        this.clock = clock;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    /** An HTTP/1.1 client that does not follow redirects (they would carry credentials elsewhere). */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpClient client() {
        return client;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** A complete answer. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * Sends and waits for the complete answer, whatever its status.
     *
     * @throws ProviderException.Canceled when the context is canceled or the thread interrupted (the
     *                                    exchange is aborted; the interrupt flag stays set)
     * @throws ProviderException          for transport failures and time-outs
     */
    public Response send(HttpRequest request, ProviderContext context) throws ProviderException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, BoundedBodySubscriber.handler(maxBody));
        long deadline = System.nanoTime() + readTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        HttpResponse<byte[]> response = CancellableWait.await(future, context, deadline,
                () -> ProviderException.Retriable.timeout(backend + " did not answer in time", null), this::fromTransport);
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** Sends, and fails unless the answer is 2xx. */
    public Response sendOk(HttpRequest request, ProviderContext context) throws ProviderException {
        Response response = send(request, context);
        if (!response.ok()) {
            throw fromStatus(response);
        }
        return response;
    }

    /** The failure for a non-2xx answer, keeping the backend's own message. */
    public ProviderException fromStatus(Response response) {
        int status = response.status();
        String detail = message(response.body());
        String text = redact(backend + " answered HTTP " + status + (detail == null ? "" : ": " + detail));
        Duration retryAfter = retryAfter(response.headers()).orElse(null);
        if (status == 401 || status == 403) {
            return ProviderException.NonRetriable.authentication(text + " (check the provider's api-key)");
        }
        if (status == 404) {
            return new ProviderException.NonRetriable("PROVIDER_NOT_FOUND", text + " (check the provider's base-url)", null);
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
        return ProviderException.NonRetriable.badResponse(text, null);
    }

    /** The failure for a request that got no answer. */
    public ProviderException fromTransport(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new ProviderException.Retriable("PROVIDER_TIMEOUT", "connecting to " + backend + " timed out", null, failure, false);
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
            return new ProviderException.Retriable("PROVIDER_UNAVAILABLE",
                    "the connection to " + backend + " failed (" + failure.getClass().getSimpleName() + ")", null, failure, true);
        }
        return new ProviderException.NonRetriable("PROVIDER_ERROR",
                "calling " + backend + " failed (" + failure.getClass().getSimpleName() + ")", failure);
    }

    /** {@code Retry-After} as seconds or an HTTP date; empty when absent or unreadable. */
    public Optional<Duration> retryAfter(HttpHeaders headers) {
        return RetryAfter.of(headers, clock);
    }

    /** Removes the credential from any text that may reach a user or a log. */
    public String redact(String text) {
        return text == null || secret == null ? text : text.replace(secret, "****");
    }

    /**
     * The human message of an error body: FastAPI's {@code {detail: "…" | [{msg}]}}, A1111's
     * {@code {error, detail, errors}}, ComfyUI's {@code {error: {message, details}}}, or plain text.
     */
    String message(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            String found = firstText(root);
            if (found != null) {
                return shorten(found);
            }
        } catch (JacksonException e) {
            // plain text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() || text.startsWith("<") ? null : shorten(text);
    }

    private static String firstText(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String field : new String[] {"error", "message", "detail", "errors"}) {
            JsonNode node = root.get(field);
            String text = text(node);
            if (text != null && !text.isBlank() && out.indexOf(text) < 0) {
                if (!out.isEmpty()) {
                    out.append(": ");
                }
                out.append(text);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isObject()) {
            String message = text(node.get("message"));
            String details = text(node.get("details"));
            if (message != null && details != null && !details.isBlank()) {
                return message + " (" + details + ")";
            }
            return message != null ? message : text(node.get("msg"));
        }
        if (node.isArray() && !node.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode item : node) {
                String part = text(item);
                if (part != null) {
                    JsonNode loc = item.get("loc");
                    if (loc != null && loc.isArray()) {
                        part = loc.toString() + " " + part;
                    }
                    out.append(out.isEmpty() ? "" : "; ").append(part);
                }
            }
            return out.isEmpty() ? null : out.toString();
        }
        return node.toString();
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_MESSAGE ? flat.substring(0, MAX_MESSAGE) + "…" : flat;
    }
}
