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
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI-compatible provider inside the running service, against a loopback fake that speaks
 * OpenAI's wire format: success, retried 5xx and 429 (Retry-After), and a content-policy error that
 * fails the generation with a clear code and refunds its credits.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/openai",
        "atelier.providers.openai.api-key=sk-test-not-a-real-key",
        "atelier.providers.openai.models=gpt-image-1",
        "atelier.providers.openai.initial-backoff=10ms",
        "atelier.providers.openai.max-backoff=20ms"
})
class OpenAiProviderFlowTest extends AppTestSupport {

    /** Scripted answers: status and body; when empty, a success. */
    record Answer(int status, String body, String retryAfter) {
    }

    private static final Queue<Answer> SCRIPT = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final HttpServer FAKE = startFake();

    private static HttpServer startFake() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/images/generations", OpenAiProviderFlowTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        CALLS.incrementAndGet();
        Answer next = SCRIPT.poll();
        if (next == null) {
            next = new Answer(200, "{\"created\":1700000000,\"data\":[{\"b64_json\":\"" + png() + "\",\"revised_prompt\":\"a revised fox\"}]}", null);
        }
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-request-id", "req_fake_" + CALLS.get());
        if (next.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", next.retryAfter());
        }
        exchange.sendResponseHeaders(next.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String png() {
        BufferedImage image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xFF0000);
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
        SCRIPT.clear();
        CALLS.set(0);
    }

    @Test
    void aConfiguredProviderBecomesTheDefaultAndGenerates() {
        JsonNode models = admin().get("/api/v1/models").json().get("data");
        assertThat(models.get(0).get("id").stringValue()).isEqualTo("openai/gpt-image-1");
        assertThat(models.get(0).get("default").booleanValue()).isTrue();

        JsonNode g = admin().post("/api/v1/generations", Map.of("prompt", "a fox"), Map.of("Prefer", "wait=30")).json().get("data");
        assertThat(g.get("status").stringValue()).isEqualTo("success");
        assertThat(g.get("model").stringValue()).isEqualTo("openai/gpt-image-1");
        assertThat(g.at("/outputImage/revisedPrompt").stringValue()).isEqualTo("a revised fox");
        assertThat(g.at("/outputImage/width").intValue()).isEqualTo(1024);
        assertThat(CALLS.get()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedWithinOneAttempt() {
        SCRIPT.add(new Answer(500, "{\"error\":{\"message\":\"upstream broke\",\"type\":\"server_error\",\"param\":null,\"code\":null}}", null));
        SCRIPT.add(new Answer(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}", "1"));
        JsonNode g = admin().post("/api/v1/generations", Map.of("prompt", "persistent fox"), Map.of("Prefer", "wait=30")).json().get("data");
        assertThat(g.get("status").stringValue()).isEqualTo("success");
        assertThat(CALLS.get()).isEqualTo(3);
        assertThat(g.get("attempts").intValue()).isEqualTo(1);
    }

    @Test
    void aContentPolicyErrorFailsTheGenerationWithItsCodeAndRefunds() {
        ApiClient team = newTeam("policy", 50);
        SCRIPT.add(new Answer(400, "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}", null));
        String id = team.post("/api/v1/generations", Map.of("prompt", "something forbidden")).json().at("/data/id").stringValue();
        JsonNode failed = pollGeneration(team, id, n -> n.get("status").stringValue().equals("failed"), Duration.ofSeconds(30));
        assertThat(failed.get("errorCode").stringValue()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(failed.get("errorMessage").stringValue()).contains("safety system");
        assertThat(failed.get("outputImages")).isEmpty();
        assertThat(CALLS.get()).isEqualTo(1);
        for (JsonNode t : admin().get("/api/v1/admin/teams").json().get("data")) {
            if (t.get("name").stringValue().equals("policy")) {
                assertThat(t.get("credits").longValue()).isEqualTo(50);
            }
        }
    }

    @Test
    void modelsOfAnotherProviderStayAvailableByName() {
        JsonNode g = admin().post("/api/v1/generations", Map.of("prompt", "placeholder", "model", "local/preview"),
                Map.of("Prefer", "wait=30")).json().get("data");
        assertThat(g.get("status").stringValue()).isEqualTo("success");
        assertThat(CALLS.get()).isZero();
    }
}
