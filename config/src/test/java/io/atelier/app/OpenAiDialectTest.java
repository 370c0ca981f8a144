package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationSource;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Conformance of the OpenAI / Apertis dialect: the Apertis document's own examples (the curl body,
 * the Python and JavaScript parameters, the transparent background, DALL·E 3 in HD, the edit curl,
 * the edit and inpainting examples) replayed over HTTP, every documented response field checked;
 * plus the choices the document leaves open (response formats, aliases, defaults, the wait limit).
 */
class OpenAiDialectTest extends OpenAiCompatTestSupport {

    private String key;
    private OpenAiHttp api;
    private long testStart;

    @BeforeEach
    void team() {
        key = newTeamKey("openai-" + UUID.randomUUID(), 10_000);
        api = new OpenAiHttp(port, key);
        testStart = Instant.now().getEpochSecond();
    }

    /** Checks the documented response: created, data[] with url and/or b64_json and revised_prompt. */
    private List<byte[]> assertImages(ApiClient.Response r, int count, boolean url, boolean b64, String revisedPrompt) {
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("created").isIntegralNumber()).isTrue();
        assertThat(body.get("created").longValue()).isBetween(testStart - 60, Instant.now().getEpochSecond() + 60);
        assertThat(body.has("usage")).isFalse();
        JsonNode data = body.get("data");
        assertThat(data.isArray()).isTrue();
        assertThat(data.size()).isEqualTo(count);
        List<byte[]> images = new ArrayList<>();
        for (JsonNode image : data) {
            assertThat(image.get("revised_prompt").stringValue()).isEqualTo(revisedPrompt);
            byte[] fromUrl = null;
            byte[] fromB64 = null;
            if (url) {
                String link = image.get("url").stringValue();
                assertThat(link).startsWith("http://127.0.0.1:" + port + "/files/").endsWith(".png");
                ApiClient.Response download = anonymous().getAbsolute(link, Map.of());
                assertThat(download.status()).isEqualTo(200);
                assertThat(download.header("Content-Type")).isEqualTo("image/png");
                fromUrl = download.bytes();
            } else {
                assertThat(image.has("url")).as("no url when response_format is b64_json").isFalse();
            }
            if (b64) {
                fromB64 = Base64.getDecoder().decode(image.get("b64_json").stringValue());
            } else {
                assertThat(image.has("b64_json")).as("no b64_json when response_format is url").isFalse();
            }
            if (fromUrl != null && fromB64 != null) {
                assertThat(fromB64).isEqualTo(fromUrl);
            }
            images.add(fromUrl != null ? fromUrl : fromB64);
        }
        return images;
    }

    @Test
    void theDocumentsCurlExample() {
        ApiClient.Response r = api.postJson("/v1/images/generations", """
                {
                    "model": "gpt-image-1",
                    "prompt": "A cute baby sea otter",
                    "n": 1,
                    "size": "1024x1024"
                }""");
        // gpt-image-1 named without response_format: both b64_json (OpenAI's GPT Image answer) and url (the document's).
        byte[] png = assertImages(r, 1, true, true, "A cute baby sea otter").getFirst();
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1024);
        JsonNode body = r.json();
        assertThat(body.get("size").stringValue()).isEqualTo("1024x1024");
        assertThat(body.get("output_format").stringValue()).isEqualTo("png");
        assertThat(body.has("background")).isFalse();

        // The same generation everywhere: the native API sees it, made by the OpenAI surface on the aliased model.
        String id = r.header("X-Atelier-Generation-Id");
        JsonNode native_ = admin().withKey(key).get("/api/v1/generations/" + id).json().get("data");
        assertThat(native_.get("status").stringValue()).isEqualTo("success");
        assertThat(native_.get("source").stringValue()).isEqualTo(GenerationSource.OPENAI.wireName());
        assertThat(native_.get("model").stringValue()).isEqualTo("local/preview");
        assertThat(native_.get("prompt").stringValue()).isEqualTo("A cute baby sea otter");
        assertThat(stored(admin().withKey(key), id).asked().requestAsGiven()).containsEntry("model", "gpt-image-1");
    }

    @Test
    void thePythonAndJavaScriptExamplesReadDataUrl() {
        ApiClient.Response r = api.postJson("/v1/images/generations",
                "{\"model\":\"gpt-image-1\",\"prompt\":\"A white siamese cat\",\"n\":1,\"size\":\"1024x1024\"}");
        assertImages(r, 1, true, true, "A white siamese cat");
        assertThat(r.json().at("/data/0/url").stringValue()).isNotBlank();
    }

    @Test
    void transparentBackgroundExample() {
        ApiClient.Response r = api.postJson("/v1/images/generations", """
                {"model":"gpt-image-1","prompt":"A logo of a blue bird on transparent background","n":1,
                 "size":"1024x1024","background":"transparent"}""");
        byte[] png = assertImages(r, 1, true, true, "A logo of a blue bird on transparent background").getFirst();
        assertThat(r.json().get("background").stringValue()).isEqualTo("transparent");
        BufferedImage image = decode(png);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        boolean someTransparent = false;
        for (int y = 0; y < image.getHeight() && !someTransparent; y += 16) {
            for (int x = 0; x < image.getWidth() && !someTransparent; x += 16) {
                someTransparent = (image.getRGB(x, y) >>> 24) < 255;
            }
        }
        assertThat(someTransparent).as("a transparent background has transparent pixels").isTrue();
    }

    @Test
    void hdQualityWithDallE3Example() {
        ApiClient.Response r = api.postJson("/v1/images/generations", """
                {"model":"dall-e-3","prompt":"A stunning sunset over mountains","n":1,"size":"1792x1024",
                 "quality":"hd","style":"vivid"}""");
        // A DALL·E name: URLs only, as OpenAI answers by default; no GPT Image fields.
        byte[] png = assertImages(r, 1, true, false, "A stunning sunset over mountains").getFirst();
        assertThat(decode(png).getWidth()).isEqualTo(1792);
        assertThat(decode(png).getHeight()).isEqualTo(1024);
        assertThat(r.json().has("size")).isFalse();
        assertThat(r.json().has("output_format")).isFalse();
        Generation g = stored(admin().withKey(key), r.header("X-Atelier-Generation-Id"));
        assertThat(g.asked().options()).containsEntry("quality", "hd").containsEntry("style", "vivid");
        assertThat(g.asked().width()).isEqualTo(1792);
    }

    @Test
    void responseFormatIsHonouredForEveryModel() {
        ApiClient.Response b64 = api.postJson("/v1/images/generations",
                "{\"model\":\"dall-e-3\",\"prompt\":\"a lighthouse\",\"response_format\":\"b64_json\"}");
        byte[] png = assertImages(b64, 1, false, true, "a lighthouse").getFirst();
        assertThat(decode(png).getWidth()).isEqualTo(1024);

        ApiClient.Response url = api.postJson("/v1/images/generations",
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a lighthouse\",\"response_format\":\"url\"}");
        assertImages(url, 1, true, false, "a lighthouse");

        ApiClient.Response catalogId = api.postJson("/v1/images/generations",
                "{\"model\":\"local/preview\",\"prompt\":\"a lighthouse\"}");
        assertImages(catalogId, 1, true, false, "a lighthouse");
    }

    @Test
    void withoutModelSizeOrCountOpenAisDefaultsApply() {
        ApiClient.Response r = api.postJson("/v1/images/generations", "{\"prompt\":\"a quiet harbour\"}");
        byte[] png = assertImages(r, 1, true, false, "a quiet harbour").getFirst();
        assertThat(decode(png).getWidth()).isEqualTo(1024);
        assertThat(decode(png).getHeight()).isEqualTo(1024);
        Generation g = stored(admin().withKey(key), r.header("X-Atelier-Generation-Id"));
        assertThat(g.asked().model()).isEqualTo("local/preview");
    }

    @Test
    void sizeAutoAndAnySizeOfAnAnySizeModel() {
        assertThat(decode(assertImages(api.postJson("/v1/images/generations",
                "{\"model\":\"gpt-image-1\",\"prompt\":\"auto\",\"size\":\"auto\"}"), 1, true, true, "auto").getFirst())
                .getWidth()).isEqualTo(1024);
        for (String size : List.of("1536x1024", "1024x1536", "256x256", "512x512", "1024x1792", "1x1", "4096x16")) {
            byte[] png = assertImages(api.postJson("/v1/images/generations",
                    "{\"model\":\"dall-e-3\",\"prompt\":\"sizes\",\"size\":\"" + size + "\"}"), 1, true, false, "sizes").getFirst();
            assertThat(decode(png).getWidth() + "x" + decode(png).getHeight()).isEqualTo(size);
        }
    }

    @Test
    void nImagesAreDistinct() {
        List<byte[]> images = assertImages(api.postJson("/v1/images/generations",
                "{\"model\":\"dall-e-2\",\"prompt\":\"three moons\",\"n\":3,\"size\":\"256x256\"}"), 3, true, false, "three moons");
        Set<String> distinct = new HashSet<>();
        images.forEach(b -> distinct.add(Base64.getEncoder().encodeToString(b)));
        assertThat(distinct).hasSize(3);
    }

    @Test
    void userQualityAndOutputOptionsAreStored() {
        ApiClient.Response r = api.postJson("/v1/images/generations", """
                {"model":"gpt-image-1","prompt":"options","quality":"high","moderation":"low","output_format":"png",
                 "output_compression":100,"user":"user-1234","style":"natural","stream":false,"partial_images":0}""");
        assertImages(r, 1, true, true, "options");
        Generation g = stored(admin().withKey(key), r.header("X-Atelier-Generation-Id"));
        assertThat(g.asked().options()).containsEntry("user", "user-1234").containsEntry("quality", "high")
                .containsEntry("moderation", "low").containsEntry("output_format", "png")
                .containsEntry("output_compression", "100").containsEntry("style", "natural");
        assertThat(g.source()).isEqualTo(GenerationSource.OPENAI);
    }

    @Test
    void theEditCurlExample() {
        byte[] original = png(1024, 1024, false);
        ApiClient.Response r = api.postMultipart("/v1/images/edits", new MultipartBody()
                .file("image", "original.png", "image/png", original)
                .field("prompt", "Add a rainbow in the sky")
                .field("model", "gpt-image-1")
                .field("size", "1024x1024"));
        byte[] edited = assertImages(r, 1, true, true, "Add a rainbow in the sky").getFirst();
        assertThat(decode(edited).getWidth()).isEqualTo(1024);
        Generation g = stored(admin().withKey(key), r.header("X-Atelier-Generation-Id"));
        assertThat(g.inputs().editImageHash()).isNotNull();
        assertThat(g.inputs().editImageMime()).isEqualTo("image/png");
    }

    @Test
    void theEditPythonExampleWithAFileNameThatLies() {
        // The type comes from the bytes: a PNG called photo.jpg sent as application/octet-stream is a PNG.
        ApiClient.Response r = api.postMultipart("/v1/images/edits", new MultipartBody()
                .field("model", "gpt-image-1")
                .file("image", "photo.jpg", "application/octet-stream", png(512, 512, false))
                .field("prompt", "Add a sunset in the background")
                .field("n", "1")
                .field("size", "1024x1024"));
        assertImages(r, 1, true, true, "Add a sunset in the background");
        assertThat(stored(admin().withKey(key),
                r.header("X-Atelier-Generation-Id")).inputs().editImageMime()).isEqualTo("image/png");
    }

    @Test
    void theInpaintingExampleChangesOnlyTheMaskedArea() {
        byte[] original = png(512, 512, false);
        ApiClient.Response r = api.postMultipart("/v1/images/edits", new MultipartBody()
                .field("model", "gpt-image-1")
                .file("image", "original.png", "image/png", original)
                .file("mask", "mask.png", "image/png", leftHalfMask(512, 512))
                .field("prompt", "Replace the masked area with a beautiful garden")
                .field("n", "1")
                .field("size", "512x512")
                .field("response_format", "b64_json"));
        byte[] edited = assertImages(r, 1, false, true, "Replace the masked area with a beautiful garden").getFirst();
        BufferedImage before = decode(original);
        BufferedImage after = decode(edited);
        int changedLeft = 0;
        int changedRight = 0;
        for (int y = 0; y < 512; y += 8) {
            for (int x = 0; x < 512; x += 8) {
                boolean changed = (before.getRGB(x, y) & 0xFFFFFF) != (after.getRGB(x, y) & 0xFFFFFF);
                if (x < 256) {
                    changedLeft += changed ? 1 : 0;
                } else {
                    changedRight += changed ? 1 : 0;
                }
            }
        }
        assertThat(changedRight).as("pixels outside the mask keep the source").isZero();
        assertThat(changedLeft).as("pixels inside the mask are repainted").isPositive();
        assertThat(stored(admin().withKey(key),
                r.header("X-Atelier-Generation-Id")).inputs().maskMime()).isEqualTo("image/png");
    }

    @Test
    void severalImagesEditTheFirstAndAreRecorded() {
        byte[] first = png(256, 256, false);
        byte[] second = encode(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "jpg");
        ApiClient.Response r = api.postMultipart("/v1/images/edits", new MultipartBody()
                .file("image[]", "a.png", "image/png", first)
                .file("image[]", "b.jpg", "image/jpeg", second)
                .field("prompt", "combine them")
                .field("model", "gpt-image-1"));
        assertImages(r, 1, true, true, "combine them");
        Generation g = stored(admin().withKey(key), r.header("X-Atelier-Generation-Id"));
        assertThat(g.inputs().editImageMime()).isEqualTo("image/png");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) g.asked().requestAsGiven().get("files");
        assertThat(files).hasSize(2);
        assertThat(files.get(1)).containsEntry("field", "image[]").containsEntry("type", "image/jpeg")
                .containsEntry("width", 300).containsEntry("height", 200);
    }

    @Test
    void modelsListCatalogIdsAndAliasesInOpenAisShape() {
        ApiClient.Response r = api.get("/v1/models");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("object").stringValue()).isEqualTo("list");
        Map<String, String> owners = new java.util.LinkedHashMap<>();
        for (JsonNode model : body.get("data")) {
            assertThat(model.propertyNames()).containsExactlyInAnyOrder("id", "object", "created", "owned_by");
            assertThat(model.get("object").stringValue()).isEqualTo("model");
            assertThat(model.get("created").isIntegralNumber()).isTrue();
            owners.put(model.get("id").stringValue(), model.get("owned_by").stringValue());
        }
        assertThat(owners).containsExactly(
                Map.entry("openai/gpt-image-1", "openai"),
                Map.entry("openai/dall-e-3", "openai"),
                Map.entry("local/preview", "local"),
                Map.entry("dall-e-2", "local"),
                Map.entry("dall-e-3", "local"),
                Map.entry("gpt-image-1", "local"),
                Map.entry("upstream-dalle", "openai"));

        JsonNode one = api.get("/v1/models/local/preview").json();
        assertThat(one.get("id").stringValue()).isEqualTo("local/preview");
        assertThat(one.get("owned_by").stringValue()).isEqualTo("local");
        assertThat(api.get("/v1/models/dall-e-3").json().get("id").stringValue()).isEqualTo("dall-e-3");
    }

    @Test
    void theIdempotencyKeyWaitsForTheSameGenerationAndIsPerTeam() {
        String body = "{\"model\":\"dall-e-3\",\"prompt\":\"once only\"}";
        Map<String, String> headers = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
        ApiClient.Response first = api.postJson("/v1/images/generations", body, headers);
        ApiClient.Response again = api.postJson("/v1/images/generations", body, headers);
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("X-Atelier-Generation-Id")).isEqualTo(first.header("X-Atelier-Generation-Id"));
        assertThat(again.json().at("/data/0/url").stringValue()).isEqualTo(first.json().at("/data/0/url").stringValue());

        // Another team with the same key gets its own generation; it cannot see the first team's.
        String otherKey = newTeamKey("other-" + UUID.randomUUID(), 100);
        ApiClient.Response other = new OpenAiHttp(port, otherKey).postJson("/v1/images/generations", body, headers);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("X-Atelier-Generation-Id")).isNotEqualTo(first.header("X-Atelier-Generation-Id"));
        assertThat(admin().withKey(otherKey).get("/api/v1/generations/" + first.header("X-Atelier-Generation-Id")).status())
                .isEqualTo(404);
    }

    @Test
    void upstreamModelsGetTheirFamilysParameters() {
        UPSTREAM_REQUESTS.clear();
        ApiClient.Response gpt = api.postJson("/v1/images/generations", """
                {"model":"openai/gpt-image-1","prompt":"upstream gpt","quality":"hd","style":"vivid",
                 "output_format":"jpeg","output_compression":80,"user":"u-1"}""");
        assertThat(gpt.status()).as(new String(gpt.bytes())).isEqualTo(200);
        assertThat(gpt.json().get("output_format").stringValue()).isEqualTo("jpeg");
        assertThat(gpt.json().at("/data/0/revised_prompt").stringValue()).isEqualTo("an upstream revision");
        assertThat(gpt.json().at("/data/0/url").stringValue()).endsWith(".jpg");
        String sent = UPSTREAM_REQUESTS.poll();
        assertThat(sent).contains("\"quality\":\"high\"").contains("\"output_format\":\"jpeg\"")
                .contains("\"output_compression\":80").contains("\"user\":\"u-1\"").doesNotContain("style");

        ApiClient.Response dalle = api.postJson("/v1/images/generations", """
                {"model":"upstream-dalle","prompt":"upstream dalle","quality":"high","style":"natural"}""");
        assertThat(dalle.status()).as(new String(dalle.bytes())).isEqualTo(200);
        assertThat(UPSTREAM_REQUESTS.poll()).contains("\"model\":\"dall-e-3\"").contains("\"quality\":\"hd\"")
                .contains("\"style\":\"natural\"");
    }

    @Test
    void aContentPolicyRefusalIsOpenAisContentPolicyViolation() {
        ApiClient.Response r = api.postJson("/v1/images/generations",
                "{\"model\":\"openai/gpt-image-1\",\"prompt\":\"please refuse this\"}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode error = r.json().get("error");
        assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").stringValue()).isEqualTo("content_policy_violation");
        assertThat(error.get("message").stringValue()).contains("safety system");
        assertThat(r.header("x-should-retry")).isEqualTo("false");
        String id = r.header("X-Atelier-Generation-Id");
        JsonNode native_ = admin().withKey(key).get("/api/v1/generations/" + id).json().get("data");
        assertThat(native_.get("status").stringValue()).isEqualTo("failed");
        assertThat(native_.get("errorCode").stringValue()).isEqualTo("CONTENT_POLICY_VIOLATION");
    }

    @Test
    void anUnavailableBackendIsAServerError() {
        ApiClient.Response r = api.postJson("/v1/images/generations",
                "{\"model\":\"openai/gpt-image-1\",\"prompt\":\"backend unavailable\"}");
        assertThat(r.status()).isEqualTo(502);
        JsonNode error = r.json().get("error");
        assertThat(error.get("type").stringValue()).isEqualTo("server_error");
        assertThat(error.get("code").stringValue()).isEqualTo("provider_unavailable");
        assertThat(error.get("message").stringValue()).contains("503").doesNotContain("sk-upstream-test-key");
    }

    @Test
    void aGenerationLongerThanTheWaitAnswers504WithItsIdAndKeepsRunning() {
        armSlowUpstream();
        try {
            ApiClient.Response r = api.postJson("/v1/images/generations",
                    "{\"model\":\"openai/gpt-image-1\",\"prompt\":\"a slow painting\"}");
            assertThat(r.status()).isEqualTo(504);
            JsonNode error = r.json().get("error");
            String id = r.header("X-Atelier-Generation-Id");
            assertThat(id).isNotBlank();
            assertThat(error.get("type").stringValue()).isEqualTo("server_error");
            assertThat(error.get("code").stringValue()).isEqualTo("timeout");
            assertThat(error.get("message").stringValue()).contains(id).contains("/api/v1/generations/" + id);
            assertThat(r.header("x-should-retry")).isEqualTo("false");
            releaseSlowUpstream();
            JsonNode done = pollGeneration(admin().withKey(key), id, g -> g.get("status").stringValue().equals("success"),
                    Duration.ofSeconds(60));
            assertThat(done.at("/outputImage/storageUrl").stringValue()).isNotBlank();
        } finally {
            releaseSlowUpstream();
        }
    }
}
