package io.atelier.core.api.cuppa;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.generation.GenerationValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The dialect's error shape for the errors the interceptor and the core raise. */
class CuppaExceptionHandlerTest {

    private final CuppaExceptionHandler handler = new CuppaExceptionHandler();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(ResponseEntity<Object> response) {
        return (Map<String, Object>) ((Map<String, Object>) response.getBody()).get("error");
    }

    @Test
    void rendersEachErrorWithItsStatusAndCode() {
        ResponseEntity<Object> limited = handler.refused(new RateLimitExceededException(Duration.ofSeconds(7)), null);
        assertThat(limited.getStatusCode().value()).isEqualTo(429);
        assertThat(error(limited)).containsEntry("code", "rate_limit_exceeded").containsEntry("message", "rate limit exceeded; retry in 7 s");

        ResponseEntity<Object> unauthorized = handler.refused(new UnauthorizedException("missing API key: send X-API-Key: KEY or Authorization: Bearer KEY"), null);
        assertThat(unauthorized.getStatusCode().value()).isEqualTo(401);
        assertThat(error(unauthorized)).containsEntry("code", "unauthorized");
        assertThat((String) error(unauthorized).get("message")).contains("X-API-KEY");

        ResponseEntity<Object> field = handler.refused(new JsonFieldException("prompt", "prompt is required"), null);
        assertThat(field.getStatusCode().value()).isEqualTo(400);
        assertThat(error(field)).containsExactlyInAnyOrderEntriesOf(Map.of("code", "invalid_request", "message", "prompt is required",
                "field", "prompt"));

        ResponseEntity<Object> model = handler.refused(new GenerationValidationException("MODEL_NOT_FOUND", "model", "unknown"), null);
        assertThat(error(model)).containsEntry("code", "model_not_found").containsEntry("field", "model");
        ResponseEntity<Object> size = handler.refused(GenerationValidationException.invalid("aspectRatio", "bad"), null);
        assertThat(error(size)).containsEntry("field", "settings.aspect_ratio");
    }
}
