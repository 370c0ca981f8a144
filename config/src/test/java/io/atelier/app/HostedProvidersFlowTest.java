package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted providers inside the running service, against one loopback fake speaking Gemini's
 * {@code generateContent}, Stability's v2beta multipart endpoints and Replicate's predictions: their
 * models appear in {@code GET /api/v1/models} with their capabilities, and generations go through
 * each (the 16:9 2K request reaching Gemini as {@code imageConfig}), a filtered Stability image failing
 * with {@code CONTENT_POLICY_VIOLATION} and a refund.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/hosted-providers",
        "atelier.providers.gemini.api-key=AIza-test-not-a-real-key",
        "atelier.providers.gemini.models=gemini-3-pro-image-preview",
        "atelier.providers.stability.api-key=sk-test-stability",
        "atelier.providers.stability.models=core",
        "atelier.providers.replicate.api-key=r8_test_replicate",
        "atelier.providers.replicate.poll-interval=50ms",
        "atelier.worker.progress-interval=1ms",
        "atelier.fetch.allow-loopback=true"
})
class HostedProvidersFlowTest extends AppTestSupport {

    /** One request the fake received. */
    record Received(String path, Map<String, List<String>> headers, byte[] body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final byte[] PNG = png(1376, 768);
    private static final HttpServer FAKE = startFake();

    private static HttpServer startFake() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1beta/models/", HostedProvidersFlowTest::gemini);
            server.createContext("/v2beta/stable-image/generate/", HostedProvidersFlowTest::stability);
            server.createContext("/v1/models/", HostedProvidersFlowTest::replicate);
            server.createContext("/v1/predictions/", HostedProvidersFlowTest::replicatePoll);
            server.createContext("/files/", exchange -> send(exchange, 200, "image/png", PNG, Map.of()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + FAKE.getAddress().getPort();
    }

    private static void gemini(HttpExchange exchange) throws IOException {
        record(exchange);
        String answer = """
                {"candidates":[{"content":{"role":"model","parts":[{"inlineData":{"mimeType":"image/png","data":"%s"}}]},
                 "finishReason":"STOP","index":0}],"modelVersion":"gemini-3-pro-image-preview","responseId":"gemini-resp-1"}"""
                .formatted(Base64.getEncoder().encodeToString(PNG));
        send(exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void stability(HttpExchange exchange) throws IOException {
        Received received = record(exchange);
        boolean filtered = new String(received.body(), StandardCharsets.UTF_8).contains("forbidden");
        send(exchange, 200, "image/png", PNG, Map.of("finish-reason", filtered ? "CONTENT_FILTERED" : "SUCCESS", "seed", "7"));
    }

    /** Create: still processing when the wait ends, halfway through sampling. */
    private static void replicate(HttpExchange exchange) throws IOException {
        record(exchange);
        String prediction = """
                {"id":"rep-1","status":"processing","output":null,"error":null,
                 "logs":"Using seed: 1\\n 50%%|█████     | 2/4 [00:01<00:01,  1.93it/s]",
                 "urls":{"get":"%s/v1/predictions/rep-1","cancel":"%s/v1/predictions/rep-1/cancel"}}"""
                .formatted(base(), base());
        send(exchange, 201, "application/json", prediction.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Poll: done. */
    private static void replicatePoll(HttpExchange exchange) throws IOException {
        record(exchange);
        String prediction = """
                {"id":"rep-1","status":"succeeded","output":["%s/files/out.png"],"error":null,"logs":"",
                 "urls":{"get":"%s/v1/predictions/rep-1","cancel":"%s/v1/predictions/rep-1/cancel"}}"""
                .formatted(base(), base(), base());
        send(exchange, 200, "application/json", prediction.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Received record(HttpExchange exchange) throws IOException {
        Received received = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRequestBody().readAllBytes());
        RECEIVED.add(received);
        return received;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @DynamicPropertySource
    static void fakeProviders(DynamicPropertyRegistry registry) {
        registry.add("atelier.providers.gemini.base-url", () -> base() + "/v1beta");
        registry.add("atelier.providers.stability.base-url", HostedProvidersFlowTest::base);
        registry.add("atelier.providers.replicate.base-url", () -> base() + "/v1");
    }

    @AfterAll
    static void stopFake() {
        FAKE.stop(0);
    }

    @BeforeEach
    void reset() {
        RECEIVED.clear();
    }

    @Test
    void theConfiguredProvidersModelsAreListedWithTheirCapabilities() {
        JsonNode models = admin().get("/api/v1/models").json().get("data");
        List<String> ids = new ArrayList<>();
        models.forEach(m -> ids.add(m.get("id").stringValue()));
        assertThat(ids).containsExactlyInAnyOrder("gemini/gemini-3-pro-image-preview", "stability/core",
                "replicate/black-forest-labs/flux-schnell", "local/preview");
        JsonNode gemini = model(models, "gemini/gemini-3-pro-image-preview");
        assertThat(gemini.get("provider").stringValue()).isEqualTo("gemini");
        assertThat(gemini.get("creditCost").intValue()).isEqualTo(15);
        assertThat(gemini.at("/capabilities/maxCount").intValue()).isEqualTo(4);
        assertThat(gemini.at("/capabilities/edits").booleanValue()).isTrue();
        assertThat(gemini.at("/capabilities/negativePrompt").booleanValue()).isFalse();
        List<String> sizes = new ArrayList<>();
        gemini.at("/capabilities/sizes").forEach(s -> sizes.add(s.stringValue()));
        assertThat(sizes).hasSize(30).contains("1024x1024", "2752x1536", "5504x3072");
        JsonNode core = model(models, "stability/core");
        assertThat(core.at("/capabilities/negativePrompt").booleanValue()).isTrue();
        assertThat(core.at("/capabilities/seed").booleanValue()).isTrue();
        assertThat(core.get("promptLimit").intValue()).isEqualTo(10_000);
        assertThat(model(models, "replicate/black-forest-labs/flux-schnell").at("/capabilities/maxCount").intValue()).isEqualTo(4);
    }

    @Test
    void aGeminiGenerationAtTwoKSucceeds() {
        JsonNode g = admin().post("/api/v1/generations", Map.of("prompt", "a lighthouse at dusk",
                "model", "gemini/gemini-3-pro-image-preview", "aspectRatio", "16:9", "resolution", "2K", "autoEnhance", false),
                Map.of("Prefer", "wait=30")).json().get("data");

        assertThat(g.get("status").stringValue()).isEqualTo("success");
        assertThat(g.get("model").stringValue()).isEqualTo("gemini/gemini-3-pro-image-preview");
        assertThat(g.at("/outputImage/width").intValue()).isEqualTo(1376);
        // 2752x1536 is Gemini's documented 16:9 at 2K: no "has no 16:9 size" warning.
        assertThat(g.get("warnings").toString()).doesNotContain("16:9");
        assertThat(RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1beta/models/gemini-3-pro-image-preview:generateContent");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.at("/generationConfig/imageConfig/aspectRatio").stringValue()).isEqualTo("16:9");
            assertThat(body.at("/generationConfig/imageConfig/imageSize").stringValue()).isEqualTo("2K");
            assertThat(body.at("/contents/0/parts/0/text").stringValue()).isEqualTo("a lighthouse at dusk");
        });
    }

    @Test
    void stabilityAndReplicateGenerationsSucceed() {
        JsonNode stability = admin().post("/api/v1/generations", Map.of("prompt", "a fox", "model", "stability/core",
                "negativePrompt", "blurry", "seed", 7), Map.of("Prefer", "wait=30")).json().get("data");
        JsonNode replicate = admin().post("/api/v1/generations", Map.of("prompt", "a fox",
                "model", "replicate/black-forest-labs/flux-schnell", "count", 1), Map.of("Prefer", "wait=30")).json().get("data");

        assertThat(stability.get("status").stringValue()).isEqualTo("success");
        assertThat(replicate.get("status").stringValue()).isEqualTo("success");
        assertThat(RECEIVED).extracting(Received::path).containsExactly("/v2beta/stable-image/generate/core",
                "/v1/models/black-forest-labs/flux-schnell/predictions", "/v1/predictions/rep-1");
        // The sampler's last reported step stays on the generation; the time left is 0 once done.
        assertThat(replicate.at("/progress/step").intValue()).isEqualTo(2);
        assertThat(replicate.at("/progress/totalSteps").intValue()).isEqualTo(4);
        assertThat(replicate.at("/progress/etaSeconds").longValue()).isZero();
        assertThat(stability.at("/progress/totalSteps").intValue()).isEqualTo(1);
        String multipart = new String(RECEIVED.getFirst().body(), StandardCharsets.UTF_8);
        assertThat(multipart).contains("name=\"negative_prompt\"\r\n\r\nblurry", "name=\"seed\"\r\n\r\n7");
    }

    @Test
    void aFilteredStabilityImageFailsWithTheContentPolicyCodeAndRefunds() {
        ApiClient team = newTeam("hosted-policy", 50);
        String id = team.post("/api/v1/generations", Map.of("prompt", "something forbidden", "model", "stability/core"))
                .json().at("/data/id").stringValue();

        JsonNode failed = pollGeneration(team, id, n -> n.get("status").stringValue().equals("failed"), Duration.ofSeconds(30));

        assertThat(failed.get("errorCode").stringValue()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(failed.get("errorMessage").stringValue()).contains("CONTENT_FILTERED");
        List<Long> credits = new ArrayList<>();
        for (JsonNode t : admin().get("/api/v1/admin/teams").json().get("data")) {
            if (t.get("name").stringValue().equals("hosted-policy")) {
                credits.add(t.get("credits").longValue());
            }
        }
        assertThat(credits).containsExactly(50L);
    }

    private static JsonNode model(JsonNode models, String id) {
        for (JsonNode m : models) {
            if (m.get("id").stringValue().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no model " + id);
    }
}
