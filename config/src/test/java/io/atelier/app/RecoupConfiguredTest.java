package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Recoup dialect's limits and the provenance key given by configuration: a slow model answers
 * 504 with the generation id while the generation goes on; the rate limit answers 429 in Recoup's
 * shape; a key from {@code atelier.provenance.private-key} (here made by
 * {@code openssl genpkey -algorithm ed25519}, as bare base64 of its DER) is used and no key file is written.
 */
@TestPropertySource(properties = {
        "atelier.providers.local.latency=3s",
        "atelier.recoup.timeout=1s",
        "atelier.rate-limit.per-key=40",
        "atelier.provenance.private-key=MC4CAQAwBQYDK2VwBCIEIHmtOcN1jOlZKNZrCYmRJpCu7wPRRd3yltaYN2Tx+tPL",
        "atelier.data-dir=${atelier.test-root}/recoup-configured"
})
class RecoupConfiguredTest extends AppTestSupport {

    /** What openssl prints for that key: the JWK x and its RFC 7638 thumbprint. */
    private static final String OPENSSL_X = "o9qKwzSC1ju7oP6QINEEkWfKg0u5ONsG6xe8MTrn_1U";
    private static final String OPENSSL_KEY_ID = "PiR846lCQqaYv41gNkVu8YdonWHO-JDCec9yV7ywk3A";

    @Test
    void aSlowGenerationAnswers504WithItsIdAndFinishesLater() {
        ApiClient api = newTeam("recoup-slow", 100);
        ApiClient.Response r = api.get("/api/image/generate?prompt=" + URLEncoder.encode("a slow sunrise", StandardCharsets.UTF_8)
                + "&account_id=123e4567-e89b-12d3-a456-426614174000");

        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(504);
        JsonNode body = r.json();
        assertThat(body.get("error").stringValue()).contains("not ready");
        String id = body.get("generationId").stringValue();
        assertThat(body.get("error").stringValue()).contains(id);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = api.get("/api/v1/generations/" + id).json().at("/data/status").stringValue();
            if (status.equals("success")) {
                break;
            }
            sleep(300);
        }
        assertThat(status).isEqualTo("success");
    }

    @Test
    void overTheRateLimitIs429InRecoupsShape() {
        ApiClient api = newTeam("recoup-limited", 10);
        ApiClient.Response last = null;
        for (int i = 0; i < 45; i++) {
            last = api.get("/api/image/generate");
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(400);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("error").stringValue()).contains("rate limit");
        assertThat(last.json().size()).isEqualTo(1);
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
    }

    @Test
    void theConfiguredKeySignsAndNoKeyFileIsWritten() {
        JsonNode key = anonymous().get("/api/v1/provenance/public-key").json().get("data");
        assertThat(key.get("keyId").stringValue()).isEqualTo(OPENSSL_KEY_ID);
        assertThat(key.at("/jwk/x").stringValue()).isEqualTo(OPENSSL_X);
        assertThat(key.get("pem").stringValue()).contains("MCowBQYDK2VwAyEAo9qKwzSC1ju7oP6QINEEkWfKg0u5ONsG6xe8MTrn/1U=");
        assertThat(dataDir().resolve("provenance-ed25519.pem")).doesNotExist();
    }
}
