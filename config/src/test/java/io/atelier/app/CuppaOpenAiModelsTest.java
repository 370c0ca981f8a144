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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The document's OpenAI-model rules with a configured OpenAI-compatible provider (a loopback fake
 * speaking OpenAI's wire format): {@code gpt-image-1} resolves to {@code openai/gpt-image-1}, which
 * takes {@code size} (default 1536x1024) and refuses {@code aspect_ratio}; provider failures come
 * back per article in bulk and as errors of the synchronous create.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/cuppa-openai",
        "atelier.providers.openai.api-key=sk-test-not-a-real-key",
        "atelier.providers.openai.models=gpt-image-1"
})
class CuppaOpenAiModelsTest extends CuppaTestSupport {

    /** Request bodies the fake received. */
    private static final Queue<JsonNode> RECEIVED = new ConcurrentLinkedQueue<>();
    private static final HttpServer FAKE = startFake();
    private static final String POLICY_ERROR = "{\"error\":{\"message\":\"Your request was rejected as a result of our safety "
            + "system.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}";

    private static HttpServer startFake() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/images/generations", CuppaOpenAiModelsTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of the requested size, or OpenAI's content-policy error for prompts with "forbidden". */
    private static void answer(HttpExchange exchange) throws IOException {
        JsonNode request = ApiClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
        RECEIVED.add(request);
        String[] size = request.get("size").stringValue().split("x");
        boolean refused = request.get("prompt").stringValue().contains("forbidden");
        String body = refused ? POLICY_ERROR
                : "{\"created\":1700000000,\"data\":[{\"b64_json\":\"" + png(Integer.parseInt(size[0]), Integer.parseInt(size[1])) + "\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(refused ? 400 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @DynamicPropertySource
    static void fakeProvider(DynamicPropertyRegistry registry) {
        registry.add("atelier.providers.openai.base-url", () -> "http://127.0.0.1:" + FAKE.getAddress().getPort() + "/v1");
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
    void gptImageOneTakesSizeWithTheDocumentsDefault() {
        Team team = team("openai-size", 100);
        JsonNode models = team.cuppa().get("/v1/meta/image_models").json();
        JsonNode gpt = models.get(0);
        assertThat(gpt.get("id").stringValue()).isEqualTo("openai/gpt-image-1");
        assertThat(gpt.get("aliases").valueStream().map(JsonNode::stringValue)).containsExactly("openai:gpt-image-1", "gpt-image-1");
        assertThat(gpt.get("bulk_default").booleanValue()).isTrue();
        assertThat(gpt.at("/settings/size/values").valueStream().map(JsonNode::stringValue))
                .containsExactly("1024x1024", "1536x1024", "1024x1536");
        assertThat(gpt.at("/settings/size/default").stringValue()).isEqualTo("1536x1024");
        assertThat(gpt.at("/settings/aspect_ratio").isMissingNode()).isTrue();
        assertThat(models.get(1).get("bulk_default").booleanValue()).isFalse();

        ApiClient.Response landscape = team.cuppa().post("/v1/images", Map.of("model", "gpt-image-1", "prompt", "a fox"));
        assertThat(landscape.status()).as(new String(landscape.bytes())).isEqualTo(200);
        assertThat(landscape.json().propertyNames()).containsExactly("id", "url");
        assertThat(RECEIVED.poll().get("size").stringValue()).isEqualTo("1536x1024");

        ApiClient.Response portrait = team.cuppa().post("/v1/images", Map.of("model", "openai:gpt-image-1", "prompt", "a tower",
                "settings", Map.of("size", "1024x1536")));
        assertThat(portrait.status()).isEqualTo(200);
        assertThat(RECEIVED.poll().get("size").stringValue()).isEqualTo("1024x1536");

        JsonNode ratio = cuppaError(team.cuppa().post("/v1/images", Map.of("model", "gpt-image-1", "prompt", "x",
                "settings", Map.of("aspect_ratio", "16:9"))), 400, "invalid_request");
        assertThat(ratio.get("field").stringValue()).isEqualTo("settings.aspect_ratio");
        cuppaError(team.cuppa().post("/v1/images", Map.of("model", "gpt-image-1", "prompt", "x",
                "settings", Map.of("resolution", "2K"))), 400, "invalid_request");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aRefusedPromptIsAnErrorOfTheSyncCreate() {
        Team team = team("openai-refused", 100);
        JsonNode error = cuppaError(team.cuppa().post("/v1/images", Map.of("model", "gpt-image-1", "prompt", "something forbidden")),
                400, "content_policy_violation");
        assertThat(error.get("message").stringValue()).contains("safety system");
        assertThat(error.get("generation_id").isString()).isTrue();
        assertThat(credits("openai-refused")).isEqualTo(100);
    }

    @Test
    void bulkDefaultsToGptImageOneAndReportsFailuresPerArticle() {
        Team team = team("openai-bulk", 100);
        String fine = createArticle(team.cuppa(), "Spring gardening", null, List.of("flowers"));
        String refused = createArticle(team.cuppa(), "Something forbidden", null, List.of());
        ApiClient.Response accepted = team.cuppa().post("/v1/images/bulk", Map.of("article_ids", List.of(fine, refused)));
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode done = team.cuppa().pollBulk(accepted.json().get("request_id").stringValue(),
                s -> !s.get("status").stringValue().equals("waiting") && !s.get("status").stringValue().equals("processing"),
                Duration.ofSeconds(60));
        assertThat(done.get("model").stringValue()).isEqualTo("openai/gpt-image-1");
        assertThat(done.get("status").stringValue()).isEqualTo("completed");
        assertThat(done.get("completed_articles").intValue()).isEqualTo(1);
        assertThat(done.get("failed_articles").intValue()).isEqualTo(1);
        assertThat(done.at("/articles/" + fine + "/status").stringValue()).isEqualTo("completed");
        assertThat(done.at("/articles/" + refused + "/status").stringValue()).isEqualTo("failed");
        assertThat(done.at("/articles/" + refused + "/image_url").isNull()).isTrue();
        assertThat(done.at("/articles/" + refused + "/error").stringValue()).contains("safety system");
        assertThat(RECEIVED).allSatisfy(r -> assertThat(r.get("size").stringValue()).isEqualTo("1536x1024"));
        // The failed article was refunded.
        assertThat(credits("openai-bulk")).isEqualTo(100 - 4);
    }
}
