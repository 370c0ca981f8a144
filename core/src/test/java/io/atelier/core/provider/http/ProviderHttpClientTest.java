package io.atelier.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.RetryPolicy;

class ProviderHttpClientTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1));

    private final ProviderHttpClient client = new ProviderHttpClient("Backend", new ProviderConnection("http://127.0.0.1:9",
            "key-123", Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofKilobytes(1)), CLOCK);

    @Test
    void billableCallsRetryOnlyWhatCertainlyProducedNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = ProviderHttpClient.billable(QUICK, ProviderContext.detached(), n -> {
            calls.incrementAndGet();
            if (n == 1) {
                throw ProviderException.Retriable.unavailable("no connection", new ConnectException("refused"));
            }
            if (n == 2) {
                throw new ProviderException.Retriable("PROVIDER_UNAVAILABLE", "HTTP 503", null, null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);

        AtomicInteger lost = new AtomicInteger();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> ProviderHttpClient.billable(QUICK,
                ProviderContext.detached(), n -> {
                    lost.incrementAndGet();
                    throw ProviderException.Retriable.timeout("read timed out", new HttpTimeoutException("request timed out"));
                }));
        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(lost).hasValue(1);
    }

    @Test
    void onlyErrorStatusesAndConnectionsNeverMadeProveNothingReachedTheBackend() {
        assertThat(ProviderHttpClient.mayHaveReachedBackend(
                new ProviderException.Retriable("PROVIDER_UNAVAILABLE", "HTTP 500", null, null))).isFalse();
        assertThat(ProviderHttpClient.mayHaveReachedBackend(
                ProviderException.Retriable.timeout("x", new HttpConnectTimeoutException("connect")))).isFalse();
        assertThat(ProviderHttpClient.mayHaveReachedBackend(
                ProviderException.Retriable.unavailable("x", new IOException("wrapped", new ConnectException("refused"))))).isFalse();
        assertThat(ProviderHttpClient.mayHaveReachedBackend(
                ProviderException.Retriable.unavailable("x", new IOException("connection reset")))).isTrue();
        assertThat(ProviderHttpClient.mayHaveReachedBackend(
                ProviderException.Retriable.timeout("x", new HttpTimeoutException("read")))).isTrue();
    }

    @Test
    void statusesMapToTheHierarchyAndMessagesNeverCarryTheKey() {
        HttpHeaders none = headers(Map.of());
        assertThat(client.fromStatus(401, none, "bad key key-123", null).code()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(client.fromStatus(401, none, "bad key key-123", null).getMessage()).doesNotContain("key-123").contains("****");
        assertThat(client.fromStatus(404, none, null, null).code()).isEqualTo("PROVIDER_MODEL_NOT_FOUND");
        assertThat(client.fromStatus(422, none, "field x", "req-1").getMessage()).contains("422", "field x", "req-1");
        assertThat(client.fromStatus(422, none, null, null).retriable()).isFalse();
        ProviderException limited = client.fromStatus(429, headers(Map.of("Retry-After", "Sat, 21 Nov 2026 12:00:30 GMT")), null, null);
        assertThat(limited.code()).isEqualTo("PROVIDER_RATE_LIMITED");
        assertThat(((ProviderException.Retriable) limited).retryAfter()).contains(Duration.ofSeconds(30));
        ProviderException busy = client.fromStatus(503, headers(Map.of("Retry-After", "2")), null, null);
        assertThat(busy.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(((ProviderException.Retriable) busy).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(((ProviderException.Retriable) busy).backendMayHaveStarted()).as("503 is a refusal").isFalse();
        assertThat(((ProviderException.Retriable) client.fromStatus(500, none, null, null)).backendMayHaveStarted()).isTrue();
        assertThat(client.describe("x", "y".repeat(600), null)).hasSizeLessThan(520).endsWith("…");
    }

    @Test
    void aRefusedConnectionIsRetriableUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).GET().build();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> client.exchange(request, ProviderContext.detached()));

        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(ProviderHttpClient.mayHaveReachedBackend((ProviderException.Retriable) e)).isFalse();
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new HashMap<>();
        values.forEach((k, v) -> map.put(k, List.of(v)));
        return HttpHeaders.of(map, (a, b) -> true);
    }
}
