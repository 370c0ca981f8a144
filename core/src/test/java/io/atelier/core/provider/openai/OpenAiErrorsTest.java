package io.atelier.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ProviderException;

class OpenAiErrorsTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final OpenAiErrors errors =
            new OpenAiErrors(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC), "sk-secret-key");

    @Test
    void retryAfterInSecondsMillisecondsOrHttpDate() {
        assertThat(errors.retryAfter(headers("Retry-After", "7"))).contains(Duration.ofSeconds(7));
        assertThat(errors.retryAfter(headers("Retry-After", "1.5"))).contains(Duration.ofMillis(1500));
        assertThat(errors.retryAfter(headers("retry-after-ms", "250", "Retry-After", "9"))).contains(Duration.ofMillis(250));
        assertThat(errors.retryAfter(headers("Retry-After", "Sun, 01 Jun 2025 12:00:30 GMT"))).contains(Duration.ofSeconds(30));
        assertThat(errors.retryAfter(headers("Retry-After", "Sun, 01 Jun 2025 11:00:00 GMT"))).contains(Duration.ZERO);
        assertThat(errors.retryAfter(headers("Retry-After", "soon"))).isEmpty();
        assertThat(errors.retryAfter(headers("Retry-After", "-3"))).isEmpty();
        assertThat(errors.retryAfter(headers())).isEmpty();
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        ProviderException e = errors.fromStatus(429, headers("Retry-After", "2"), body("{\"error\":{\"message\":\"slow down\"}}"), null);

        assertThat(e).isInstanceOfSatisfying(ProviderException.Retriable.class, r -> {
            assertThat(r.code()).isEqualTo("PROVIDER_RATE_LIMITED");
            assertThat(r.retryAfter()).contains(Duration.ofSeconds(2));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 500, 502, 503, 504})
    void transientStatusesAreRetriableUnavailable(int status) {
        ProviderException e = errors.fromStatus(status, headers("Retry-After", "3"), body(""), null);

        assertThat(e).isInstanceOfSatisfying(ProviderException.Retriable.class, r -> {
            assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE");
            assertThat(r.retryAfter()).contains(Duration.ofSeconds(3));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void authStatuses(int status) {
        assertThat(errors.fromStatus(status, headers(), body("{}"), null).code()).isEqualTo("PROVIDER_AUTH_FAILED");
    }

    @Test
    void otherClientErrorsAreBadRequestsAndRedirectsBadResponses() {
        assertThat(errors.fromStatus(413, headers(), body("too big"), null).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(errors.fromStatus(302, headers(), body(""), null).code()).isEqualTo("PROVIDER_BAD_RESPONSE");
    }

    @Test
    void readsTheErrorShapesOfCompatibleServers() {
        assertThat(errors.fromStatus(400, headers(), body("{\"error\":\"bad size\"}"), null).getMessage()).contains("bad size");
        assertThat(errors.fromStatus(400, headers(), body("{\"detail\":\"steps too high\"}"), null).getMessage())
                .contains("steps too high");
        assertThat(errors.fromStatus(400, headers(), body("{\"message\":\"no prompt\",\"code\":400}"), null).getMessage())
                .contains("no prompt", "(400)");
        assertThat(errors.fromStatus(400, headers(), body("plain words"), null).getMessage()).contains("plain words");
    }

    @Test
    void neverRepeatsTheApiKeyAndCutsLongMessages() {
        String message = "x".repeat(495) + "sk-secret-key" + "y".repeat(600);
        ProviderException e = errors.fromStatus(400, headers(), body("{\"error\":{\"message\":\"" + message + "\"}}"), null);

        assertThat(e.getMessage()).doesNotContain("sk-secret").doesNotContain("sk-se").hasSizeLessThan(600);
    }

    @Test
    void quotaWinsOverStatus() {
        byte[] billing = body("{\"error\":{\"message\":\"Billing hard limit has been reached\",\"type\":\"invalid_request_error\","
                + "\"code\":\"billing_hard_limit_reached\"}}");

        assertThat(errors.fromStatus(400, headers(), billing, null).code()).isEqualTo("PROVIDER_QUOTA_EXCEEDED");
    }

    @Test
    void transportFailures() {
        assertThat(errors.fromTransport(new HttpConnectTimeoutException("connect")).code()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(errors.fromTransport(new HttpTimeoutException("request timed out")).code()).isEqualTo("PROVIDER_TIMEOUT");
        ProviderException reset = errors.fromTransport(new IOException("Connection reset by 10.1.2.3"));
        assertThat(reset).isInstanceOf(ProviderException.Retriable.class);
        assertThat(reset.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(reset.getMessage()).doesNotContain("10.1.2.3");
    }

    @Test
    void emptyAnswersWithAnErrorAreClassifiedLikeRefusals() {
        byte[] refusal = body("{\"data\":[],\"error\":{\"code\":\"content_policy_violation\",\"message\":\"refused\"}}");

        assertThat(errors.fromEmptyAnswer(refusal, null).code()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(errors.fromEmptyAnswer(body("{\"data\":[]}"), null).code()).isEqualTo("PROVIDER_BAD_RESPONSE");
    }

    private static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
