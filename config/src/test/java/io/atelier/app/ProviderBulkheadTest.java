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
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Each provider is a bulkhead with its own in-flight limit: a burst to one provider never has more
 * calls in flight at its backend than the limit (the rest wait, in a fair queue between teams, with
 * the right queue positions), and another provider's work goes on meanwhile.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/bulkhead",
        "atelier.default-model=local/preview",
        "atelier.providers.openai.api-key=sk-bulkhead-test",
        "atelier.providers.openai.models=gpt-image-1",
        "atelier.generation.in-flight-limits.openai=3"
})
class ProviderBulkheadTest extends AppTestSupport {

    private static final int LIMIT = 3;
    private static final GatedUpstream UPSTREAM = new GatedUpstream();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("atelier.providers.openai.base-url", UPSTREAM::baseUrl);
    }

    @Test
    void aBurstNeverPassesTheProviderLimitWhileOtherProvidersWorkAndQueuesStayFair() {
        ApiClient first = newTeam("bulkhead-first", 1_000);
        ApiClient second = newTeam("bulkhead-second", 1_000);
        List<String> firstIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            firstIds.add(submit(first, "openai/gpt-image-1", "held burst " + i));
        }
        awaitInFlight(LIMIT);
        // The other team joins the backlog: it waits behind one of the first team's queued jobs, not all five.
        String secondId = submit(second, "openai/gpt-image-1", "a second team's job");
        JsonNode secondQueued = second.get("/api/v1/generations/" + secondId).json().get("data");
        assertThat(secondQueued.get("status").stringValue()).isEqualTo("pending");
        assertThat(secondQueued.get("queuePosition").longValue()).isEqualTo(1);
        List<Long> positions = new ArrayList<>();
        for (String id : firstIds) {
            JsonNode g = first.get("/api/v1/generations/" + id).json().get("data");
            if (g.get("status").stringValue().equals("pending")) {
                positions.add(g.get("queuePosition").longValue());
            }
        }
        assertThat(positions).containsExactly(0L, 2L, 3L, 4L, 5L);

        // Another provider is not held up by the full one.
        ApiClient.Response local = first.post("/api/v1/generations",
                Map.of("prompt", "a local picture meanwhile", "model", "local/preview"), Map.of("Prefer", "wait=60"));
        assertThat(local.json().at("/data/status").stringValue()).isEqualTo("success");
        assertThat(UPSTREAM.inFlight.get()).isEqualTo(LIMIT);

        UPSTREAM.release(firstIds.size() + 1);
        for (String id : firstIds) {
            pollGeneration(first, id, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(60));
        }
        pollGeneration(second, secondId, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(60));
        assertThat(UPSTREAM.maxInFlight.get()).isEqualTo(LIMIT);
        assertThat(UPSTREAM.requests.get()).isEqualTo(firstIds.size() + 1);
    }

    private static String submit(ApiClient team, String model, String prompt) {
        ApiClient.Response r = team.post("/api/v1/generations", Map.of("prompt", prompt, "model", model, "autoEnhance", false));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(201);
        return r.json().at("/data/id").stringValue();
    }

    private static void awaitInFlight(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (UPSTREAM.inFlight.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the upstream never had " + n + " calls in flight: " + UPSTREAM.inFlight.get());
            }
            sleep(20);
        }
    }

    /** A loopback Images API that holds every request until the test releases it, counting those in flight. */
    private static final class GatedUpstream {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        private final Semaphore gate = new Semaphore(0);
        private final HttpServer server;

        GatedUpstream() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1/images/generations", this::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        void release(int permits) {
            gate.release(permits);
        }

        private void answer(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            byte[] body = ("{\"created\":1,\"data\":[{\"b64_json\":\"" + png(requests.get()) + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        private static String png(int seed) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            image.setRGB(seed % 16, 0, 0xFF0000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        }
    }
}
