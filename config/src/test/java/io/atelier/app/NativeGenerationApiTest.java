package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The native API end to end on the embedded default: create, wait, poll, download, list, delete. */
class NativeGenerationApiTest extends AppTestSupport {

    @Test
    void preferWaitReturnsTheFinishedGenerationWithAnImageOfTheRequestedAspectRatio() throws IOException {
        ApiClient api = admin();
        ApiClient.Response created = api.post("/api/v1/generations",
                Map.of("prompt", "a red fox in snow", "aspectRatio", "16:9"), Map.of("Prefer", "wait=30"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(created.json().get("success").booleanValue()).isTrue();
        assertThat(data.get("status").stringValue()).isEqualTo("success");
        assertThat(data.get("aspectRatio").stringValue()).isEqualTo("16:9");
        assertThat(data.get("originalPrompt").stringValue()).isEqualTo("a red fox in snow");
        assertThat(data.get("model").stringValue()).isEqualTo("local/preview");
        assertThat(data.get("processingTimeMs").isNumber()).isTrue();
        assertThat(data.get("outputImageId").stringValue()).isEqualTo(data.at("/outputImage/id").stringValue());
        assertThat(created.header("Location")).isEqualTo("/api/v1/generations/" + data.get("id").stringValue());

        String url = data.at("/outputImage/storageUrl").stringValue();
        ApiClient.Response file = anonymous().getAbsolute(url, Map.of());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).isEqualTo("image/png");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.header("Cache-Control")).contains("max-age");
        assertThat(file.header("ETag")).isEqualTo("\"" + data.at("/outputImage/sha256").stringValue() + "\"");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(file.bytes()));
        assertThat(png.getWidth()).isEqualTo(data.at("/outputImage/width").intValue());
        assertThat(png.getHeight()).isEqualTo(data.at("/outputImage/height").intValue());
        assertThat(png.getWidth() * 9).isEqualTo(png.getHeight() * 16);
        assertThat(file.bytes().length).isEqualTo(data.at("/outputImage/fileSize").intValue());

        ApiClient.Response notModified = anonymous().getAbsolute(url, Map.of("If-None-Match", file.header("ETag")));
        assertThat(notModified.status()).isEqualTo(304);

        ApiClient.Response metadata = api.get("/api/v1/images/" + data.get("outputImageId").stringValue());
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().at("/data/storageUrl").stringValue()).isEqualTo(url);
    }

    @Test
    void initAndReferenceImagesTakeTheOneImagePathAndBadOnesAreA400NamingTheField() {
        ApiClient api = admin();
        String init = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.png(64, 48, 0x336699));
        String reference = Base64.getEncoder().encodeToString(TestImages.png(32, 32, 0x993366));
        ApiClient.Response created = api.post("/api/v1/generations", Map.of("prompt", "the same fox, at night",
                "size", "128x96", "initImage", Map.of("data", init), "strength", 0.4,
                "referenceImages", List.of(Map.of("mimeType", "image/png", "data", reference))),
                Map.of("Prefer", "wait=30"));

        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(data.get("status").stringValue()).isEqualTo("success");
        assertThat(data.path("warnings").toString()).doesNotContain("reference").doesNotContain("strength");
        assertThat(data.at("/outputImage/width").intValue()).isEqualTo(128);

        JsonNode models = api.get("/api/v1/models").json();
        assertThat(models.toString()).contains("\"maxReferenceImages\":14").contains("\"upscaleFactor\":2");

        for (Map.Entry<Map<String, Object>, String> bad : Map.<Map<String, Object>, String>of(
                Map.of("prompt", "x", "strength", 1.5, "initImage", Map.of("data", init)), "strength",
                Map.of("prompt", "x", "strength", 0.5), "strength",
                Map.of("prompt", "x", "initImage", Map.of("mimeType", "image/png", "data", "%%%")), "initImage.data",
                Map.of("prompt", "x", "referenceImages", "nope"), "referenceImages").entrySet()) {
            ApiClient.Response r = api.post("/api/v1/generations", bad.getKey());
            assertThat(r.status()).as(bad.getValue() + ": " + new String(r.bytes())).isEqualTo(400);
            assertThat(new String(r.bytes())).contains(bad.getValue());
        }
    }

    @Test
    void withoutPreferTheGenerationIsPendingAndSucceedsByPolling() {
        ApiClient api = admin();
        ApiClient.Response created = api.post("/api/v1/generations",
                Map.of("prompt", "a lighthouse at night", "aspectRatio", "9:16", "count", 3, "seed", 42));
        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        // Pending, or processing already: a generation whose provider has room starts at submit.
        assertThat(data.get("status").stringValue()).isIn("pending", "processing");
        assertThat(data.get("outputImageId").isNull()).isTrue();
        assertThat(data.get("seed").longValue()).isEqualTo(42);

        JsonNode done = pollGeneration(api, data.get("id").stringValue(),
                g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(30));
        assertThat(done.get("outputImages")).hasSize(3);
        for (JsonNode image : done.get("outputImages")) {
            assertThat(image.get("width").intValue() * 16).isEqualTo(image.get("height").intValue() * 9);
        }
        assertThat(done.at("/progress/percent").intValue()).isEqualTo(100);
        assertThat(done.get("retryCount").intValue()).isZero();
        assertThat(done.get("attempts").intValue()).isEqualTo(1);
    }

    @Test
    void listsAreNewestFirstWithPaginationAndStatusFilter() {
        ApiClient api = newTeam("lister", 1000);
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/generations", Map.of("prompt", "list item " + i), Map.of("Prefer", "wait=30"));
        }
        ApiClient.Response page = api.get("/api/v1/generations?limit=2&offset=0&status=success");
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.get("data")).hasSize(2);
        assertThat(body.at("/data/0/originalPrompt").stringValue()).isEqualTo("list item 2");
        assertThat(body.at("/pagination/total").intValue()).isEqualTo(3);
        assertThat(body.at("/pagination/hasMore").booleanValue()).isTrue();
        assertThat(body.at("/pagination/limit").intValue()).isEqualTo(2);

        JsonNode last = api.get("/api/v1/generations?limit=2&offset=2").json();
        assertThat(last.get("data")).hasSize(1);
        assertThat(last.at("/pagination/hasMore").booleanValue()).isFalse();

        assertThat(api.get("/api/v1/generations?status=failed").json().at("/pagination/total").intValue()).isZero();
    }

    @Test
    void deleteRemovesTheRecordAndTheImage() {
        ApiClient api = newTeam("deleter", 1000);
        JsonNode data = api.post("/api/v1/generations", Map.of("prompt", "to be deleted, unique 7f3a"),
                Map.of("Prefer", "wait=30")).json().get("data");
        String id = data.get("id").stringValue();
        String url = data.at("/outputImage/storageUrl").stringValue();
        assertThat(anonymous().getAbsolute(url, Map.of()).status()).isEqualTo(200);

        ApiClient.Response deleted = api.delete("/api/v1/generations/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").stringValue()).isEqualTo("Generation deleted");

        assertThat(api.get("/api/v1/generations/" + id).status()).isEqualTo(404);
        assertThat(anonymous().getAbsolute(url, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/images/" + data.get("outputImageId").stringValue()).status()).isEqualTo(404);
        String hash = data.at("/outputImage/sha256").stringValue();
        assertThat(dataDir().resolve("images").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash))
                .doesNotExist();
    }

    @Test
    void modelsListTheCatalogWithTheDefault() {
        JsonNode models = admin().get("/api/v1/models").json().get("data");
        assertThat(models).isNotEmpty();
        JsonNode local = null;
        for (JsonNode m : models) {
            if (m.get("id").stringValue().equals("local/preview")) {
                local = m;
            }
        }
        assertThat(local).isNotNull();
        assertThat(local.get("default").booleanValue()).isTrue();
        assertThat(local.at("/capabilities/maxCount").intValue()).isEqualTo(10);
    }

    @Test
    void idempotencyKeyReturnsTheSameGenerationWithoutASecondJob() {
        ApiClient api = newTeam("idempotent", 1000);
        JsonNode first = api.post("/api/v1/generations", Map.of("prompt", "once"), Map.of("Idempotency-Key", "abc-1")).json();
        JsonNode second = api.post("/api/v1/generations", Map.of("prompt", "once"), Map.of("Idempotency-Key", "abc-1")).json();
        assertThat(second.at("/data/id").stringValue()).isEqualTo(first.at("/data/id").stringValue());
        assertThat(api.get("/api/v1/generations").json().at("/pagination/total").intValue()).isEqualTo(1);
    }

    @Test
    void healthAndPrometheusMetricsAreServed() {
        admin().post("/api/v1/generations", Map.of("prompt", "for the metrics"), Map.of("Prefer", "wait=30"));
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        ApiClient.Response metrics = anonymous().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        String text = new String(metrics.bytes());
        assertThat(text).contains("atelier_generations_total{").contains("status=\"succeeded\"").contains("model=\"local/preview\"");
        assertThat(text).contains("atelier_queue_depth").contains("atelier_provider_latency_seconds_count{");
        assertThat(text).contains("atelier_worker_running");
    }
}
