package io.atelier.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.prompt.PromptCooldownException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tools render every refusal by its kind, in a sentence an LLM can act on. */
class ToolErrorsTest {

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyKindBecomesASentence(ErrorKind kind) {
        AtelierException refusal = new AtelierException(kind, "TEST_" + kind.name(), null, "refused as " + kind, null, null) {
        };
        String message = ToolErrors.translate(refusal).getMessage();
        assertThat(message).isNotBlank().endsWith(".");
        if (kind == ErrorKind.INTERNAL) {
            assertThat(message).doesNotContain("refused as").contains("internal error");
        } else {
            assertThat(message).contains("refused as " + kind);
        }
    }

    @Test
    void namesTheToolArgumentAndTheNextStep() {
        assertThat(ToolErrors.translate(GenerationValidationException.invalid("aspectRatio", "21:9 is not offered")).getMessage())
                .isEqualTo("Invalid aspect_ratio: 21:9 is not offered.");
        assertThat(ToolErrors.translate(new GenerationNotFoundException("g1")).getMessage())
                .isEqualTo("generation g1 not found. Call list_generations or search_images to find the right id.");
        assertThat(ToolErrors.translate(new PromptCooldownException(Instant.EPOCH, Duration.ofMillis(4200))).getMessage())
                .isEqualTo("Too many refused prompts: wait 5 seconds before generating again.");
    }

    @Test
    void anUnexpectedFailureIsOnlyAnInternalError() {
        assertThat(ToolErrors.translate(new IllegalStateException("secret detail")).getMessage())
                .isEqualTo("Atelier failed with an internal error (it was logged). Try again later.");
    }
}
