package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code Idempotency-Key} on the POST of every dialect that creates work: the same key and body
 * replays the first answer (same generation, status and body, {@code Idempotent-Replayed: true})
 * without a second generation; the same key with another body is a 422 in that dialect's error
 * shape; keys are scoped by team. (A duplicate while the first is running: IdempotencyInFlightTest.)
 */
class IdempotencyTest extends CuppaTestSupport {

    private static String newKey() {
        return "idem-" + UUID.randomUUID();
    }

    private static long generations(ApiClient api) {
        return api.get("/api/v1/generations?limit=100").json().at("/pagination/total").asLong();
    }

    /** Sends {@code first} twice with one key and checks the replay; returns the first answer. */
    private static ApiClient.Response assertReplayed(ApiClient api, Function<String, ApiClient.Response> send) {
        String key = newKey();
        ApiClient.Response first = send.apply(key);
        assertThat(first.status()).as(new String(first.bytes())).isBetween(200, 299);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        long afterFirst = generations(api);
        ApiClient.Response again = send.apply(key);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(generations(api)).isEqualTo(afterFirst);
        return first;
    }

    @Test
    void nativeGenerationsReplayAndRefuseAnotherBody() {
        Team team = team("idem-native", 1000);
        ApiClient api = team.api();
        ApiClient.Response first = assertReplayed(api, key -> api.post("/api/v1/generations",
                Map.of("prompt", "an idempotent fox"), Map.of("Idempotency-Key", key, "Prefer", "wait=30")));
        assertThat(generations(api)).isEqualTo(1);
        assertThat(first.json().at("/data/status").stringValue()).isEqualTo("success");

        String key = newKey();
        assertThat(api.post("/api/v1/generations", Map.of("prompt", "one"), Map.of("Idempotency-Key", key)).status())
                .isEqualTo(201);
        ApiClient.Response other = api.post("/api/v1/generations", Map.of("prompt", "another"), Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("success").booleanValue()).isFalse();
        assertThat(other.json().at("/error/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(other.json().at("/error/message").stringValue()).contains(key);
        assertThat(generations(api)).isEqualTo(2);
    }

    @Test
    void keysAreScopedByTeam() {
        ApiClient a = team("idem-scope-a", 100).api();
        ApiClient b = team("idem-scope-b", 100).api();
        String key = newKey();
        ApiClient.Response fromA = a.post("/api/v1/generations", Map.of("prompt", "team a"), Map.of("Idempotency-Key", key));
        ApiClient.Response fromB = b.post("/api/v1/generations", Map.of("prompt", "team b"), Map.of("Idempotency-Key", key));
        assertThat(fromA.status()).isEqualTo(201);
        assertThat(fromB.status()).isEqualTo(201);
        assertThat(fromB.header("Idempotent-Replayed")).isNull();
        assertThat(fromB.json().at("/data/id").stringValue()).isNotEqualTo(fromA.json().at("/data/id").stringValue());
    }

    @Test
    void invalidKeysAreRefused() {
        ApiClient api = team("idem-invalid", 100).api();
        ApiClient.Response tooLong = api.post("/api/v1/generations", Map.of("prompt", "x"),
                Map.of("Idempotency-Key", "k".repeat(256)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/error/code").stringValue()).isEqualTo("VALIDATION_ERROR");
        assertThat(generations(api)).isZero();
    }

    @Test
    void aBadRequestIsReplayedToo() {
        ApiClient api = team("idem-400", 100).api();
        String key = newKey();
        ApiClient.Response first = api.post("/api/v1/generations", Map.of("prompt", ""), Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(400);
        ApiClient.Response again = api.post("/api/v1/generations", Map.of("prompt", ""), Map.of("Idempotency-Key", key));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void openAiGenerationsReplayAndRefuseAnotherBodyInOpenAiShape() {
        Team team = team("idem-openai", 1000);
        ApiClient api = team.api();
        ApiClient.Response first = assertReplayed(api, key -> api.post("/v1/images/generations",
                Map.of("model", "local/preview", "prompt", "an idempotent owl", "response_format", "url"),
                Map.of("Idempotency-Key", key)));
        assertThat(first.json().at("/data/0/url").stringValue()).contains("/files/");
        assertThat(generations(api)).isEqualTo(1);

        String key = newKey();
        api.post("/v1/images/generations", Map.of("model", "local/preview", "prompt", "one", "response_format", "url"),
                Map.of("Idempotency-Key", key));
        ApiClient.Response other = api.post("/v1/images/generations",
                Map.of("model", "local/preview", "prompt", "two", "response_format", "url"), Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().at("/error/type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(other.json().at("/error/code").stringValue()).isEqualTo("idempotency_key_reused");
        assertThat(other.json().at("/error/param").stringValue()).isEqualTo("Idempotency-Key");
    }

    @Test
    void openAiEditsReplayMultipartBodiesPartByPart() {
        Team team = team("idem-edits", 1000);
        OpenAiHttp http = new OpenAiHttp(port, team.key());
        byte[] image = png(64, 64);
        String key = newKey();
        // Two bodies with the same parts but different multipart boundaries are the same request.
        ApiClient.Response first = http.send("POST", "/v1/images/edits", "multipart/form-data; boundary=first-boundary",
                multipart("first-boundary", image, "add a moon"), Map.of("Idempotency-Key", key));
        assertThat(first.status()).as(new String(first.bytes())).isEqualTo(200);
        ApiClient.Response again = http.send("POST", "/v1/images/edits", "multipart/form-data; boundary=other-boundary",
                multipart("other-boundary", image, "add a moon"), Map.of("Idempotency-Key", key));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(generations(team.api())).isEqualTo(1);

        ApiClient.Response other = http.send("POST", "/v1/images/edits", "multipart/form-data; boundary=first-boundary",
                multipart("first-boundary", image, "add a sun"), Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().at("/error/code").stringValue()).isEqualTo("idempotency_key_reused");
        assertThat(generations(team.api())).isEqualTo(1);
    }

    @Test
    void cuppaImagesAndBulkReplayAndRefuseAnotherBodyInCuppaShape() {
        Team team = team("idem-cuppa", 1000);
        ApiClient api = team.api();
        assertReplayed(api, key -> api.post("/v1/images", Map.of("model", "local/preview", "prompt", "an idempotent heron"),
                Map.of("Idempotency-Key", key)));
        assertThat(generations(api)).isEqualTo(1);

        String article = createArticle(team.cuppa(), "Idempotent article", "About retries", List.of("retry"));
        Map<String, Object> bulk = Map.of("article_ids", List.of(article), "model", "local/preview");
        ApiClient.Response accepted = assertReplayed(api, key -> api.post("/v1/images/bulk", bulk, Map.of("Idempotency-Key", key)));
        assertThat(accepted.status()).isEqualTo(202);
        team.cuppa().pollBulk(accepted.json().get("request_id").stringValue(),
                s -> s.get("status").stringValue().equals("completed"), java.time.Duration.ofSeconds(60));
        assertThat(generations(api)).isEqualTo(2);

        String key = newKey();
        api.post("/v1/images", Map.of("model", "local/preview", "prompt", "one"), Map.of("Idempotency-Key", key));
        ApiClient.Response other = api.post("/v1/images", Map.of("model", "local/preview", "prompt", "two"),
                Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().at("/error/code").stringValue()).isEqualTo("idempotency_key_reused");
        assertThat(other.json().at("/error/field").stringValue()).isEqualTo("Idempotency-Key");
    }

    @Test
    void v0GenerationsReplayAndRefuseAnotherBodyInV0Shape() {
        Team team = team("idem-v0", 1000);
        ApiClient api = team.api();
        ApiClient.Response first = assertReplayed(api, key -> api.post("/v0/images/generations",
                Map.of("prompt", "an idempotent lake"), Map.of("Idempotency-Key", key)));
        assertThat(first.json().at("/data/data/0/url").stringValue()).contains("/files/");
        ApiClient.Response queued = assertReplayed(api, key -> api.post("/v0/images/generations?async=true",
                Map.of("prompt", "an idempotent async lake"), Map.of("Idempotency-Key", key)));
        assertThat(queued.json().at("/data/id").stringValue()).isNotBlank();
        assertThat(generations(api)).isEqualTo(2);

        String key = newKey();
        api.post("/v0/images/generations?async=true", Map.of("prompt", "one"), Map.of("Idempotency-Key", key));
        // Same body, other route (sync instead of async): another request.
        ApiClient.Response other = api.post("/v0/images/generations", Map.of("prompt", "one"), Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        JsonNode error = other.json().get("error");
        assertThat(error.isString()).isTrue();
        assertThat(error.stringValue()).contains("Idempotency-Key", "/v0/images/generations?async=true");
        assertThat(generations(api)).isEqualTo(3);
    }

    private static byte[] multipart(String boundary, byte[] image, String prompt) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nlocal/preview\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\n" + prompt + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"in.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes());
        out.writeBytes(image);
        out.writeBytes(tail.getBytes());
        return out.toByteArray();
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
