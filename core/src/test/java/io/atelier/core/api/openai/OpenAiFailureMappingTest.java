package io.atelier.core.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** How a failed generation's error code becomes OpenAI's error: the table of docs/api/openai.md. */
class OpenAiFailureMappingTest {

    record Row(String errorCode, HttpStatus status, String type, String code, String param, boolean retryable) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("CONTENT_POLICY_VIOLATION", HttpStatus.BAD_REQUEST, "invalid_request_error", "content_policy_violation", null, false),
            new Row("PROVIDER_BAD_REQUEST", HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_request", null, false),
            new Row("UNSUPPORTED_IMAGE", HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_image", "image", false),
            new Row("PROVIDER_UNAVAILABLE", HttpStatus.BAD_GATEWAY, "server_error", "provider_unavailable", null, true),
            new Row("PROVIDER_BAD_RESPONSE", HttpStatus.BAD_GATEWAY, "server_error", "provider_bad_response", null, true),
            new Row("PROVIDER_ERROR", HttpStatus.BAD_GATEWAY, "server_error", "provider_error", null, true),
            new Row("PROVIDER_AUTH_FAILED", HttpStatus.BAD_GATEWAY, "server_error", "provider_auth_failed", null, true),
            new Row("PROVIDER_MODEL_NOT_FOUND", HttpStatus.BAD_GATEWAY, "server_error", "provider_model_not_found", null, true),
            new Row("PROVIDER_RATE_LIMITED", HttpStatus.SERVICE_UNAVAILABLE, "server_error", "provider_rate_limited", null, true),
            new Row("PROVIDER_QUOTA_EXCEEDED", HttpStatus.SERVICE_UNAVAILABLE, "server_error", "provider_quota_exceeded", null, true),
            new Row("MODEL_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE, "server_error", "model_unavailable", null, true),
            new Row("PROVIDER_TIMEOUT", HttpStatus.GATEWAY_TIMEOUT, "server_error", "provider_timeout", null, true),
            new Row("WORKER_GAVE_UP", HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "worker_gave_up", null, true),
            new Row("INTERNAL_ERROR", HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "internal_error", null, true),
            new Row("SOMETHING_NEW", HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "something_new", null, true));

    private static Generation ended(GenerationStatus status, String errorCode, String errorMessage) {
        Instant now = Instant.now();
        return new Generation("6f1c2d3e-0000-4000-8000-000000000001", "team", status, GenerationSource.OPENAI,
                new Generation.Asked("local/preview", null, "p", "p", null, null, true, "1:1", 1024, 1024, 1, 1L, null,
                        Map.of(), Map.of(), Map.of(), false),
                Generation.Inputs.NONE, new Generation.Progress(0, null, null, 1),
                new Generation.Outcome(errorCode, errorMessage, List.of(), null, List.of()),
                new Generation.Timing(now, now, now, now, 5L), new Generation.Billing(1));
    }

    @Test
    void everyFailureCodeHasItsOpenAiError() {
        for (Row row : TABLE) {
            OpenAiApiException e = OpenAiImagesView.failure(ended(GenerationStatus.FAILED, row.errorCode(), "what went wrong"));
            assertThat(e.status()).as(row.errorCode()).isEqualTo(row.status());
            assertThat(e.type()).as(row.errorCode()).isEqualTo(row.type());
            assertThat(e.code()).as(row.errorCode()).isEqualTo(row.code());
            assertThat(e.param()).as(row.errorCode()).isEqualTo(row.param());
            assertThat(e.getMessage()).as(row.errorCode()).contains("what went wrong").contains("6f1c2d3e-0000-4000-8000-000000000001");
            assertThat(e.headers()).containsEntry(OpenAiImagesView.GENERATION_ID_HEADER, "6f1c2d3e-0000-4000-8000-000000000001");
            assertThat(e.headers().containsKey("x-should-retry")).as(row.errorCode()).isEqualTo(!row.retryable());
        }
    }

    @Test
    void stillRunningIs504WithTheGenerationIdAndNoRetry() {
        OpenAiApiException e = OpenAiImagesView.stillRunning("abc-123", Duration.ofSeconds(300));
        assertThat(e.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(e.type()).isEqualTo("server_error");
        assertThat(e.code()).isEqualTo("timeout");
        assertThat(e.getMessage()).contains("300 seconds").contains("GET /api/v1/generations/abc-123");
        assertThat(e.headers()).containsEntry("x-should-retry", "false");
    }

    @Test
    void keysAreNeverEchoedWhole() {
        assertThat(OpenAiExceptionHandler.masked("sk-abcdefghijklmnopqrstuvwxyz1234")).startsWith("sk-").endsWith("1234")
                .doesNotContain("abcdefghijklmnop");
        assertThat(OpenAiExceptionHandler.masked("short")).isEqualTo("****");
    }
}
