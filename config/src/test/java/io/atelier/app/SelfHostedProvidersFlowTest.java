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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The self-hosted providers inside the running service: AUTOMATIC1111 against a loopback fake of its
 * API, ComfyUI pointed at a port where nothing listens (so it is "down"), and the resilience layer
 * between them and the worker. The catalog lists exactly the configured models; a retry after a lost
 * answer charges once and stores one image; a down provider falls back to the configured model.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/selfhosted",
        "atelier.providers.automatic1111.models=dreamshaper_8,sdxl_base",
        "atelier.providers.automatic1111.credit-cost=3",
        "atelier.providers.automatic1111.progress-interval=50ms",
        "atelier.resilience.defaults.initial-backoff=10ms",
        "atelier.resilience.defaults.max-backoff=20ms",
        "atelier.resilience.providers.comfyui.max-attempts=1",
        "atelier.resilience.fallback[comfyui]=local/preview",
        "management.endpoint.health.show-details=always"
})
class SelfHostedProvidersFlowTest extends AppTestSupport {

    private static final AtomicInteger TXT2IMG_CALLS = new AtomicInteger();
    private static final AtomicInteger LOSE_ANSWERS = new AtomicInteger();
    private static final List<String> BODIES = new ArrayList<>();
    private static final HttpServer A1111 = startA1111();
    private static final int DOWN_PORT = unusedPort();

    private static HttpServer startA1111() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/sdapi/v1/txt2img", SelfHostedProvidersFlowTest::txt2img);
            server.createContext("/sdapi/v1/progress", exchange -> answer(exchange,
                    "{\"progress\":0.5,\"eta_relative\":1.0,\"state\":{\"sampling_step\":10,\"sampling_steps\":20}}"));
            server.createContext("/sdapi/v1/interrupt", exchange -> answer(exchange, "{}"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void txt2img(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        synchronized (BODIES) {
            BODIES.add(new String(body, StandardCharsets.UTF_8));
        }
        TXT2IMG_CALLS.incrementAndGet();
        if (LOSE_ANSWERS.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The server rendered, but the answer never reaches us: the connection just closes.
            exchange.close();
            return;
        }
        answer(exchange, "{\"images\":[\"" + png() + "\"],\"parameters\":{},\"info\":\"{}\"}");
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String png() {
        BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void fakeProviders(DynamicPropertyRegistry registry) {
        registry.add("atelier.providers.automatic1111.base-url", () -> "http://127.0.0.1:" + A1111.getAddress().getPort());
        registry.add("atelier.providers.comfyui.base-url", () -> "http://127.0.0.1:" + DOWN_PORT);
    }

    @AfterAll
    static void stopFake() {
        A1111.stop(0);
    }

    @BeforeEach
    void reset() {
        TXT2IMG_CALLS.set(0);
        LOSE_ANSWERS.set(0);
        synchronized (BODIES) {
            BODIES.clear();
        }
    }

    @Test
    void theCatalogListsExactlyTheConfiguredModelsWithTheirCapabilities() {
        JsonNode models = admin().get("/api/v1/models").json().get("data");
        Map<String, JsonNode> byId = new HashMap<>();
        models.forEach(m -> byId.put(m.get("id").stringValue(), m));
        assertThat(byId.keySet()).containsExactlyInAnyOrder(
                "automatic1111/dreamshaper_8", "automatic1111/sdxl_base", "comfyui/default", "local/preview");
        assertThat(models.get(0).get("id").stringValue()).isEqualTo("automatic1111/dreamshaper_8");
        assertThat(models.get(0).get("default").booleanValue()).isTrue();

        JsonNode sd = byId.get("automatic1111/dreamshaper_8");
        assertThat(sd.at("/capabilities/edits").booleanValue()).isTrue();
        assertThat(sd.at("/capabilities/masks").booleanValue()).isTrue();
        assertThat(sd.at("/capabilities/negativePrompt").booleanValue()).isTrue();
        assertThat(sd.at("/capabilities/seed").booleanValue()).isTrue();
        assertThat(sd.at("/capabilities/anySize").booleanValue()).isTrue();
        assertThat(sd.at("/capabilities/maxPixelSide").intValue()).isEqualTo(2048);
        JsonNode comfy = byId.get("comfyui/default");
        assertThat(comfy.at("/capabilities/edits").booleanValue()).isFalse();
        assertThat(comfy.at("/capabilities/negativePrompt").booleanValue()).isTrue();
    }

    @Test
    void aRetryAfterALostAnswerChargesOnceAndStoresOneImage() {
        ApiClient team = newTeam("lost-answer", 50);
        LOSE_ANSWERS.set(1);

        String id = team.post("/api/v1/generations", Map.of("prompt", "a red fox", "model", "automatic1111/sdxl_base",
                        "options", Map.of("steps", "30", "sampler", "DPM++ 2M")))
                .json().at("/data/id").stringValue();
        JsonNode done = pollGeneration(team, id, n -> !n.get("status").stringValue().matches("pending|processing"),
                Duration.ofSeconds(60));

        assertThat(done.get("status").stringValue()).isEqualTo("success");
        assertThat(TXT2IMG_CALLS.get()).as("the lost answer was retried once").isEqualTo(2);
        synchronized (BODIES) {
            assertThat(BODIES.get(1)).isEqualTo(BODIES.get(0)).contains("\"sd_model_checkpoint\":\"sdxl_base\"")
                    .contains("\"steps\":30").contains("\"sampler_name\":\"DPM++ 2M\"");
        }
        assertThat(done.get("outputImages")).hasSize(1);
        assertThat(done.get("attempts").intValue()).isEqualTo(1);
        assertThat(done.get("creditsCharged").longValue()).isEqualTo(3);
        assertThat(credits("lost-answer")).isEqualTo(47);
        JsonNode listed = team.get("/api/v1/generations").json().get("data");
        assertThat(listed).hasSize(1);
    }

    @Test
    void aDownProviderFallsBackToTheConfiguredModelAndTheGenerationSaysSo() {
        ApiClient team = newTeam("fallback", 50);

        JsonNode g = team.post("/api/v1/generations", Map.of("prompt", "a quiet harbour", "model", "comfyui/default"),
                Map.of("Prefer", "wait=30")).json().get("data");

        assertThat(g.get("status").stringValue()).isEqualTo("success");
        assertThat(g.get("model").stringValue()).isEqualTo("comfyui/default");
        assertThat(g.get("outputImages")).hasSize(1);
        assertThat(g.get("warnings").toString()).contains("comfyui/default was unavailable").contains("local/preview");
    }

    @Test
    void theBreakersShowInHealthAndMetrics() {
        ApiClient.Response health = anonymous().get("/actuator/health/providerCircuits");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(health.json().at("/details/automatic1111").stringValue()).isIn("CLOSED", "OPEN", "HALF_OPEN");
        assertThat(health.json().at("/details/comfyui").stringValue()).isIn("CLOSED", "OPEN", "HALF_OPEN");
        JsonNode metric = anonymous().get("/actuator/metrics/atelier.provider.circuit.state").json();
        JsonNode providers = null;
        for (JsonNode tag : metric.get("availableTags")) {
            if (tag.get("tag").stringValue().equals("provider")) {
                providers = tag.get("values");
            }
        }
        assertThat(providers).as("provider tag of " + metric).isNotNull();
        assertThat(providers.toString()).contains("automatic1111").contains("comfyui").contains("local");
    }

    private long credits(String teamName) {
        for (JsonNode t : admin().get("/api/v1/admin/teams").json().get("data")) {
            if (t.get("name").stringValue().equals(teamName)) {
                return t.get("credits").longValue();
            }
        }
        throw new AssertionError("no team " + teamName);
    }
}
