package io.atelier.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application as the OpenAI-dialect tests need it, shared by those tests (one application):
 * the aliases the Apertis examples use ({@code gpt-image-1}, {@code dall-e-3}, {@code dall-e-2} →
 * {@code local/preview}), a short wait limit, and the {@code openai} provider pointed at a loopback
 * fake upstream (models {@code openai/gpt-image-1}, {@code openai/dall-e-3}) that records what it is
 * sent and answers by the prompt: "refuse" → content-policy error, "unavailable" → 503,
 * "slow" → holds the answer until {@link #releaseSlowUpstream()}.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/openai-compat",
        "atelier.default-model=local/preview",
        "atelier.openai-compat.aliases.gpt-image-1=local/preview",
        "atelier.openai-compat.aliases.dall-e-3=local/preview",
        "atelier.openai-compat.aliases.dall-e-2=local/preview",
        "atelier.openai-compat.aliases.upstream-dalle=openai/dall-e-3",
        "atelier.openai-compat.max-wait=10s",
        "atelier.providers.openai.api-key=sk-upstream-test-key",
        "atelier.providers.openai.models=gpt-image-1,dall-e-3",
        "atelier.providers.openai.initial-backoff=10ms",
        "atelier.providers.openai.max-backoff=20ms"
})
abstract class OpenAiCompatTestSupport extends AppTestSupport {

    /** Request bodies the fake upstream received (JSON text, or the multipart body as ISO-8859-1 text). */
    static final Queue<String> UPSTREAM_REQUESTS = new ConcurrentLinkedQueue<>();
    private static volatile CountDownLatch slowRelease = new CountDownLatch(1);
    private static final HttpServer UPSTREAM = startUpstream();

    @Autowired
    GenerationService generationService;

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/images/", OpenAiCompatTestSupport::answer);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("atelier.providers.openai.base-url", () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort() + "/v1");
    }

    static void releaseSlowUpstream() {
        slowRelease.countDown();
    }

    static void armSlowUpstream() {
        slowRelease = new CountDownLatch(1);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        UPSTREAM_REQUESTS.add(body);
        int status = 200;
        String answer;
        if (body.contains("refuse")) {
            status = 400;
            answer = "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\","
                    + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}";
        } else if (body.contains("unavailable")) {
            status = 503;
            answer = "{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        } else {
            if (body.contains("slow")) {
                try {
                    slowRelease.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String format = body.contains("\"output_format\":\"jpeg\"") ? "jpg" : "png";
            answer = "{\"created\":1700000000,\"data\":[{\"b64_json\":\"" + image(format)
                    + "\",\"revised_prompt\":\"an upstream revision\"}]}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String image(String format) {
        BufferedImage image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0x00FF00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** A new team's API key (the OpenAI clients send it as a Bearer token). */
    String newTeamKey(String name, long credits) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", java.util.Map.of("name", name, "credits", credits));
        if (created.status() != 201) {
            throw new AssertionError("team creation failed: " + created.status() + " " + new String(created.bytes()));
        }
        return created.json().at("/data/apiKey").stringValue();
    }

    /** A generation as the core stored it (options and the request as given are not in the native API). */
    Generation stored(ApiClient team, String generationId) {
        JsonNode native_ = team.get("/api/v1/generations/" + generationId).json().get("data");
        return generationService.get(new Caller(native_.get("projectId").stringValue(), "test", false), generationId);
    }

    static byte[] png(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        return encode(image, "png");
    }

    /** A mask: transparent (editable) in the left half, opaque elsewhere. */
    static byte[] leftHalfMask(int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask.setRGB(x, y, x < width / 2 ? 0x00000000 : 0xFF000000);
            }
        }
        return encode(mask, "png");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
