package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The native API against the Banatie generations document: its example requests replayed, every
 * documented response field with its type, its defaults, filters, error codes and rate-limit headers.
 */
class BanatieConformanceTest extends AppTestSupport {

    private static final List<String> GENERATION_FIELDS = List.of("id", "projectId", "prompt", "originalPrompt",
            "autoEnhance", "aspectRatio", "status", "outputImageId", "outputImage", "processingTimeMs", "retryCount",
            "errorMessage", "meta", "createdAt", "updatedAt");
    private static final List<String> IMAGE_FIELDS = List.of("id", "storageUrl", "mimeType", "width", "height", "fileSize");

    @Test
    void theDocumentsCreateExampleAnswers201WithEveryField() {
        ApiClient.Response r = admin().post("/api/v1/generations", Map.of("prompt", "a red sports car on a mountain road",
                "aspectRatio", "16:9", "autoEnhance", true, "enhancementOptions", Map.of("template", "photorealistic")));
        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("success").booleanValue()).isTrue();
        JsonNode data = body.get("data");
        assertThat(data.propertyNames()).containsAll(GENERATION_FIELDS);
        assertThat(data.get("id").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(data.get("projectId").stringValue()).matches("[0-9a-f-]{36}");
        // The document's example waits ("pending"); a generation whose provider has a free place
        // starts at submit, so "processing" (its next documented status) is the truthful answer then.
        assertThat(data.get("status").stringValue()).isIn("pending", "processing");
        assertThat(data.get("originalPrompt").stringValue()).isEqualTo("a red sports car on a mountain road");
        assertThat(data.get("prompt").stringValue()).isNotEqualTo(data.get("originalPrompt").stringValue());
        assertThat(data.get("autoEnhance").booleanValue()).isTrue();
        assertThat(data.get("aspectRatio").stringValue()).isEqualTo("16:9");
        assertThat(data.get("outputImageId").isNull()).isTrue();
        assertThat(data.get("processingTimeMs").isNull()).isTrue();
        assertThat(data.get("createdAt").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonNode done = pollGeneration(admin(), data.get("id").stringValue(),
                g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(30));
        assertThat(done.get("outputImage").propertyNames()).containsAll(IMAGE_FIELDS);
        assertThat(done.at("/outputImage/mimeType").stringValue()).isEqualTo("image/png");
        assertThat(done.get("processingTimeMs").isIntegralNumber()).isTrue();
        assertThat(done.get("retryCount").intValue()).isZero();
        assertThat(done.get("meta").isObject()).isTrue();
    }

    @Test
    void defaultsAreSquareEnhancedWithTheGeneralTemplateAndEmptyMeta() {
        JsonNode data = admin().post("/api/v1/generations", Map.of("prompt", "a cat")).json().get("data");
        assertThat(data.get("aspectRatio").stringValue()).isEqualTo("1:1");
        assertThat(data.get("autoEnhance").booleanValue()).isTrue();
        assertThat(data.get("template").stringValue()).isEqualTo("general");
        assertThat(data.get("meta").isObject()).isTrue();
        assertThat(data.get("meta").isEmpty()).isTrue();

        JsonNode plain = admin().post("/api/v1/generations", Map.of("prompt", "a cat sitting on a windowsill",
                "autoEnhance", false)).json().get("data");
        assertThat(plain.get("prompt").stringValue()).isEqualTo("a cat sitting on a windowsill");
        assertThat(plain.get("originalPrompt").stringValue()).isEqualTo("a cat sitting on a windowsill");
        assertThat(plain.get("autoEnhance").booleanValue()).isFalse();
    }

    @Test
    void everyDocumentedAspectRatioIsAccepted() {
        for (String ratio : List.of("1:1", "16:9", "9:16", "3:2", "21:9")) {
            ApiClient.Response r = admin().post("/api/v1/generations", Map.of("prompt", "ratio " + ratio, "aspectRatio", ratio,
                    "autoEnhance", false));
            assertThat(r.status()).as(ratio).isEqualTo(201);
        }
    }

    @Test
    void listFiltersAndIncludeDeletedAreAccepted() {
        ApiClient team = newTeam("banatie-list", 100);
        team.post("/api/v1/generations", Map.of("prompt", "listed"), Map.of("Prefer", "wait=30"));
        JsonNode page = team.get("/api/v1/generations?status=success&limit=10&includeDeleted=false").json();
        assertThat(page.get("data")).hasSize(1);
        assertThat(page.get("pagination").propertyNames()).containsExactly("limit", "offset", "total", "hasMore");
        assertThat(team.get("/api/v1/generations?includeDeleted=true").status()).isEqualTo(200);
        ApiClient.Response bad = team.get("/api/v1/generations?includeDeleted=maybe");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").stringValue()).contains("includeDeleted");
        for (String status : List.of("pending", "processing", "success", "failed")) {
            assertThat(team.get("/api/v1/generations?status=" + status).status()).as(status).isEqualTo(200);
        }
    }
}
