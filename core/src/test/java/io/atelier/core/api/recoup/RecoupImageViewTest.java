package io.atelier.core.api.recoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provenance.Attestation;
import io.atelier.core.provenance.ProvenanceRecord;
import io.atelier.core.provenance.SignedProvenance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parts of the Recoup response that do not need a running server. */
class RecoupImageViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Attestation attestation(byte[] bytes) {
        ProvenanceRecord record = new ProvenanceRecord("r", "00", "image/png", "p", null, "local/preview", 1, "1x1", "t", "g",
                "i", null, "recoup", Instant.EPOCH, Instant.EPOCH, "k");
        return new Attestation(new SignedProvenance(record, "{}", "s", "k", "11", "image/png", bytes.length, true), bytes);
    }

    @Test
    void failuresMapAsInTheOtherDialects() {
        assertThat(RecoupImageController.failureStatus("CONTENT_POLICY_VIOLATION")).isEqualTo(org.springframework.http.HttpStatus.BAD_REQUEST);
        assertThat(RecoupImageController.failureStatus("PROVIDER_BAD_REQUEST")).isEqualTo(org.springframework.http.HttpStatus.BAD_REQUEST);
        assertThat(RecoupImageController.failureStatus("PROVIDER_TIMEOUT")).isEqualTo(org.springframework.http.HttpStatus.GATEWAY_TIMEOUT);
        assertThat(RecoupImageController.failureStatus("PROVIDER_UNAVAILABLE")).isEqualTo(org.springframework.http.HttpStatus.BAD_GATEWAY);
        assertThat(RecoupImageController.failureStatus(null)).isEqualTo(org.springframework.http.HttpStatus.BAD_GATEWAY);
    }

    @Test
    void uint8ArrayIsSentOnlyWhenConfiguredAsUnsignedByteValues() {
        byte[] bytes = {(byte) 0x89, 'P', 0, (byte) 0xFF};

        JsonNode without = JSON.valueToTree(RecoupImageController.image(attestation(bytes), false));
        assertThat(without.has("uint8Array")).isFalse();
        assertThat(without.get("base64").stringValue()).isEqualTo("iVAA/w==");
        assertThat(without.get("mediaType").stringValue()).isEqualTo("image/png");

        JsonNode with = JSON.valueToTree(RecoupImageController.image(attestation(bytes), true));
        assertThat(with.get("uint8Array").isArray()).isTrue();
        assertThat(JSON.writeValueAsString(with.get("uint8Array"))).isEqualTo("[137,80,0,255]");
        assertThat(with.get("base64").stringValue()).isEqualTo("iVAA/w==");
    }

    @Test
    void usageEstimatesOneTokenPerFourCharactersAndNoCompletionTokens() {
        assertThat(RecoupImageController.usage("a")).isEqualTo(Map.of("promptTokens", 1, "completionTokens", 0, "totalTokens", 1));
        assertThat(RecoupImageController.usage("abcd")).containsEntry("promptTokens", 1);
        assertThat(RecoupImageController.usage("abcde")).containsEntry("promptTokens", 2).containsEntry("totalTokens", 2);
        // Characters, not UTF-16 units: one emoji is one character.
        assertThat(RecoupImageController.usage("\ud83e\udd8a\ud83e\udd8a\ud83e\udd8a\ud83e\udd8a")).containsEntry("promptTokens", 1);
    }

    @Test
    void timeoutsOutsideOneSecondToFiveMinutesAreRefusedAtStart() {
        assertThatThrownBy(() -> new RecoupProperties(Duration.ofMillis(500), false, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoupProperties(Duration.ofSeconds(301), false, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecoupProperties(Duration.ofSeconds(300), true, null).includeUint8Array()).isTrue();
    }
}
