package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Multipart v0 bodies with preset file requirements, as the document shows them: {@code key=@file}
 * for a file requirement, {@code key_0}, {@code key_1} for a {@code multiple} one, {@code variables}
 * as a JSON string.
 */
class V0MultipartTest extends V0TestSupport {

    private ApiClient team;
    private String presetId;

    @BeforeEach
    void preset() {
        team = newTeam("v0-multipart-" + System.nanoTime(), 100);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", "Running shoe ad");
        definition.put("prompt", "Ad for {{shoe}}, styled like {{styles}}");
        definition.put("requirements", List.of(
                Map.of("key", "shoe", "type", "text", "required", true),
                Map.of("key", "styles", "type", "file", "multiple", true, "maxFiles", 3),
                Map.of("key", "photo", "type", "file", "role", "source")));
        presetId = createPreset(team, definition);
    }

    private MultipartBody base() {
        return new MultipartBody().field("presetId", presetId).field("variables", "{\"shoe\":\"Air Zoom\"}");
    }

    @Test
    void filesOfAPresetAreUploadedAsKeyAndNumberedKeys() {
        MultipartBody body = base().field("prompt", "on a track")
                .file("photo", "shoe.png", "image/png", png(64, 48))
                .file("styles_0", "a.png", "application/octet-stream", png(8, 8))
                .file("styles_1", "b.png", "image/png", png(9, 9));
        ApiClient.Response r = postMultipart(team, "/v0/images/generations", body);
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data.get("status").stringValue()).isEqualTo("completed");
        assertThat(data.get("data")).hasSize(1);
        // The preset's reference files go to the model (local/preview takes them): no warning, so no field.
        assertThat(data.has("warnings")).isFalse();

        JsonNode same = team.get("/api/v1/generations/" + data.get("id").stringValue()).json().get("data");
        assertThat(same.get("originalPrompt").stringValue())
                .isEqualTo("Ad for Air Zoom, styled like reference images 1-2, on a track");

        JsonNode library = team.get("/v0/images/library?presetId=" + presetId).json().get("data");
        assertThat(library.get("total").asLong()).isEqualTo(1);
        JsonNode detail = team.get("/v0/images/library/" + library.at("/images/0/id").stringValue()).json().get("data");
        assertThat(detail.get("variables").get("shoe").stringValue()).isEqualTo("Air Zoom");
        assertThat(detail.get("userPrompt").stringValue()).isEqualTo("on a track");
        assertThat(detail.get("presetId").stringValue()).isEqualTo(presetId);
    }

    @Test
    void otherFieldsAsTextAndAsyncWork() {
        MultipartBody body = base().field("sampleCount", "2").field("aspectRatio", "16:9").field("resolution", "high")
                .field("isPublic", "false").field("negativePrompt", "text");
        ApiClient.Response r = postMultipart(team, "/v0/images/generations?async=true", body);
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        assertThat(r.json().at("/data/status").stringValue()).isEqualTo("queued");
        JsonNode done = awaitV0(team, r.json().at("/data/id").stringValue());
        assertThat(done.get("status").stringValue()).isEqualTo("completed");
        assertThat(done.get("data")).hasSize(2);
        assertThat(done.at("/usage/credits").asLong()).isEqualTo(4);
        assertThat(done.at("/data/0/width").asInt()).isGreaterThan(done.at("/data/0/height").asInt());
    }

    @Test
    void badUploadsAreA400NamingThePart() {
        byte[] image = png(8, 8);
        assertError(base().file("photo", "a.txt", "image/png", "not an image".getBytes(StandardCharsets.UTF_8)), "photo");
        assertError(base().file("nope", "a.png", "image/png", image), "nope");
        assertError(base().file("styles_0", "a.png", "image/png", image).file("styles_2", "c.png", "image/png", image),
                "styles_1");
        assertError(base().file("styles_0", "a.png", "image/png", image).file("styles_1", "a.png", "image/png", image)
                .file("styles_2", "a.png", "image/png", image).file("styles_3", "a.png", "image/png", image), "styles");
        assertError(base().file("photo", "a.png", "image/png", image).file("photo", "b.png", "image/png", image), "photo");
        assertError(base().file("styles", "a.png", "image/png", image).file("styles_0", "b.png", "image/png", image),
                "styles");
        assertError(base().file("photo", "a.png", "image/png", new byte[0]), "photo");
        assertError(new MultipartBody().field("prompt", "x").file("photo", "a.png", "image/png", image), "presetId");
        assertError(new MultipartBody().field("presetId", "no-such-preset").file("photo", "a.png", "image/png", image),
                "presetId");
        assertError(new MultipartBody().field("presetId", presetId).field("variables", "{not json"), "variables");
        assertError(new MultipartBody().field("presetId", presetId).field("variables", "[1,2]"), "variables");
        assertError(new MultipartBody().field("presetId", presetId), "variables.shoe");
        assertError(base().field("sampleCount", "two"), "sampleCount");
        assertError(base().field("isPublic", "maybe"), "isPublic");
        assertError(base().field("aspectRatio", "7:3"), "aspectRatio");
        assertError(base().field("refImageUrls", "[1]"), "refImageUrls[0]");
    }

    private void assertError(MultipartBody body, String field) {
        ApiClient.Response r = postMultipart(team, "/v0/images/generations", body);
        assertThat(r.status()).as(field + ": " + new String(r.bytes())).isEqualTo(400);
        assertThat(r.json().get("error").stringValue()).as(field).contains(field);
    }
}
