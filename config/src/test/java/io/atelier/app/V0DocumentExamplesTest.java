package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Replays the request and response examples of {@code v0-images-presets-api.md} against the running
 * application, with {@code Authorization: Bearer} as the document does, and checks every field the
 * document shows. The document's {@code "presetId": "<optional>"} placeholder is left out (it is not
 * a value); its model {@code gemini-3-pro-image-preview} is configured as an alias of the offline model.
 * The sync-timeout example (504) is replayed in {@link V0SlowSyncTest}.
 */
class V0DocumentExamplesTest extends V0TestSupport {

    /** The document's JSON body example, verbatim but for the presetId placeholder. */
    static final String BODY_EXAMPLE = """
            {
              "prompt": "a serene mountain lake at sunrise",
              "negativePrompt": "watermark, text",
              "variables": {},
              "aspectRatio": "16:9",
              "resolution": "standard",
              "sampleCount": 1,
              "modelVersion": "gemini-3-pro-image-preview",
              "isPublic": false
            }
            """;

    private ApiClient.Response call(HttpRequest.Builder request) {
        return anonymous().send(request);
    }

    private HttpRequest.Builder postJson(String key, String path, String json) {
        return bearer(key, path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void syncSuccessExample() {
        String key = newTeamKey("v0-doc-sync", 20);
        ApiClient.Response r = call(postJson(key, "/v0/images/generations", BODY_EXAMPLE));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data.get("id").isString()).isTrue();
        assertThat(data.get("created").isIntegralNumber()).isTrue();
        assertThat(data.get("created").asLong()).isBetween(System.currentTimeMillis() / 1000 - 600, System.currentTimeMillis() / 1000 + 5);
        assertThat(data.get("model").stringValue()).isEqualTo("local/preview");
        assertThat(data.get("data").isArray()).isTrue();
        assertThat(data.get("data")).hasSize(1);
        JsonNode image = data.at("/data/0");
        assertThat(image.get("id").isString()).isTrue();
        assertThat(image.get("url").stringValue()).startsWith("http://127.0.0.1:" + port + "/files/");
        assertThat(image.get("storageKey").isString()).isTrue();
        assertThat(image.get("width").asInt()).isGreaterThan(image.get("height").asInt());
        assertThat(data.at("/usage/credits").isIntegralNumber()).isTrue();
        assertThat(data.at("/usage/credits").asLong()).isEqualTo(1);
        assertThat(anonymous().getAbsolute(image.get("url").stringValue(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void asyncExampleAndPollExample() {
        String key = newTeamKey("v0-doc-async", 20);
        ApiClient.Response r = call(postJson(key, "/v0/images/generations?async=true", BODY_EXAMPLE));
        assertThat(r.status()).isEqualTo(200);
        JsonNode queued = r.json().get("data");
        assertThat(queued.propertyNames()).containsExactly("id", "status", "created", "model");
        assertThat(queued.get("status").stringValue()).isEqualTo("queued");
        assertThat(queued.get("created").isIntegralNumber()).isTrue();
        assertThat(queued.get("model").stringValue()).isEqualTo("local/preview");

        String id = queued.get("id").stringValue();
        JsonNode polled = null;
        for (int i = 0; i < 300; i++) {
            polled = call(bearer(key, "/v0/images/generations/" + id).GET()).json().get("data");
            if (List.of("completed", "failed").contains(polled.get("status").stringValue())) {
                break;
            }
            assertThat(polled.get("status").stringValue()).isIn("queued", "active");
            sleep(100);
        }
        assertThat(polled.get("id").stringValue()).isEqualTo(id);
        assertThat(polled.get("status").stringValue()).isEqualTo("completed");
        assertThat(polled.get("created").asLong()).isEqualTo(queued.get("created").asLong());
        assertThat(polled.get("model").stringValue()).isEqualTo("local/preview");
        JsonNode image = polled.at("/data/0");
        assertThat(image.get("id").isString()).isTrue();
        assertThat(image.get("url").isString()).isTrue();
        assertThat(image.get("width").isIntegralNumber()).isTrue();
        assertThat(image.get("height").isIntegralNumber()).isTrue();
        assertThat(polled.at("/usage/credits").asLong()).isEqualTo(1);
    }

    @Test
    void multipartExample() {
        String key = newTeamKey("v0-doc-multipart", 20);
        ApiClient team = anonymous().withKey(key);
        String presetId = createPreset(team, Map.of("name", "Product restage",
                "prompt", "{{product}} photographed like the reference {{refs}}",
                "requirements", List.of(Map.of("key", "product", "type", "text", "required", true),
                        Map.of("key", "file", "type", "file", "role", "source"),
                        Map.of("key", "refs", "type", "file", "multiple", true))));
        MultipartBody body = new MultipartBody()
                .field("prompt", "on a marble table")
                .field("presetId", presetId)
                .field("variables", "{\"product\":\"a ceramic mug\"}")
                .file("file", "file.jpg", "image/jpeg", png(32, 32))
                .file("refs_0", "a.jpg", "image/jpeg", png(8, 8))
                .file("refs_1", "b.jpg", "image/jpeg", png(8, 8));
        ApiClient.Response r = call(bearer(key, "/v0/images/generations").header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        assertThat(r.json().at("/data/status").stringValue()).isEqualTo("completed");
        assertThat(r.json().at("/data/data/0/url").isString()).isTrue();
    }

    @Test
    void libraryExamples() {
        String key = newTeamKey("v0-doc-library", 20);
        JsonNode created = call(postJson(key, "/v0/images/generations",
                "{\"presetId\":\"product-shot\",\"prompt\":\"ภาพถ่ายรองเท้าวิ่ง\",\"variables\":{\"product\":\"Nike Air Zoom\"}}"))
                .json().get("data");
        String imageId = created.at("/data/0/id").stringValue();

        JsonNode list = call(bearer(key, "/v0/images/library?page=1&limit=20&presetId=product-shot&search=%E0%B8%A0%E0%B8%B2%E0%B8%9E").GET())
                .json().get("data");
        assertThat(list.propertyNames()).containsExactly("images", "total", "page", "limit");
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("page").asInt()).isEqualTo(1);
        assertThat(list.get("limit").asInt()).isEqualTo(20);
        JsonNode item = list.at("/images/0");
        assertThat(item.propertyNames()).containsExactly("id", "url", "thumbnailUrl", "width", "height", "presetId",
                "modelVersion", "userPrompt", "isPublic", "createdAt");
        assertThat(item.get("id").stringValue()).isEqualTo(imageId);
        assertThat(item.get("presetId").stringValue()).isEqualTo("product-shot");
        assertThat(item.get("userPrompt").stringValue()).isEqualTo("ภาพถ่ายรองเท้าวิ่ง");
        assertThat(item.get("isPublic").booleanValue()).isFalse();

        JsonNode one = call(bearer(key, "/v0/images/library/" + imageId).GET()).json().get("data");
        assertThat(one.propertyNames()).containsExactly("id", "presetId", "prompt", "userPrompt", "modelVersion",
                "variables", "sourceType", "isPublic", "url", "thumbnailUrl", "width", "height", "createdAt");
        assertThat(one.get("prompt").stringValue()).contains("Nike Air Zoom");
        assertThat(one.get("userPrompt").stringValue()).isEqualTo("ภาพถ่ายรองเท้าวิ่ง");
        assertThat(one.at("/variables/product_name").isMissingNode()).isTrue();
        assertThat(one.at("/variables/product").stringValue()).isEqualTo("Nike Air Zoom");
        assertThat(one.get("sourceType").isNull()).isTrue();

        ApiClient.Response download = call(bearer(key, "/v0/images/library/" + imageId + "/download").GET());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + imageId + ".png\"");
        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(download.bytes().length));
    }

    @Test
    void usageExample() {
        String key = newTeamKey("v0-doc-usage", 20);
        ApiClient.Response r = call(bearer(key, "/v0/usage").GET());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/data/creditsRemaining").asLong()).isEqualTo(20);
    }
}
