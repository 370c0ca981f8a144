package io.atelier.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback AUTOMATIC1111 ({@code --api}) for chat tests: txt2img refuses prompts containing
 * {@code fail} with a 422 (a job that fails at once), holds prompts containing {@code hold} until
 * {@code /sdapi/v1/interrupt} (a job that runs until it is canceled), and otherwise renders for
 * {@code holdMillis} while its progress endpoint reports half-way with a {@code current_image} (a live
 * preview), then answers one PNG of the requested size per image.
 */
final class FakeAutomatic1111 implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final long holdMillis;
    private final byte[] preview = TestImages.png(64, 64, 0x2277AA);
    private volatile CountDownLatch interrupted = new CountDownLatch(1);

    FakeAutomatic1111(long holdMillis) {
        this.holdMillis = holdMillis;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sdapi/v1/txt2img", this::txt2img);
        server.createContext("/sdapi/v1/progress", exchange -> answer(exchange, 200,
                "{\"progress\":0.5,\"eta_relative\":1.0,\"state\":{\"sampling_step\":10,\"sampling_steps\":20},"
                        + "\"current_image\":\"" + Base64.getEncoder().encodeToString(preview) + "\"}"));
        server.createContext("/sdapi/v1/interrupt", exchange -> {
            interrupted.countDown();
            answer(exchange, 200, "{}");
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void txt2img(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (body.path("prompt").asString("").contains("fail")) {
            answer(exchange, 422, "{\"detail\":\"the fake refuses prompts that ask to fail\"}");
            return;
        }
        if (body.path("prompt").asString("").contains("hold")) {
            CountDownLatch latch = interrupted;
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            interrupted = new CountDownLatch(1);
            answer(exchange, 500, "{\"error\":\"Interrupted\"}");
            return;
        }
        AppTestSupport.sleep(holdMillis);
        StringBuilder images = new StringBuilder();
        for (int i = 0; i < body.path("batch_size").asInt(1); i++) {
            byte[] png = TestImages.png(body.path("width").asInt(64), body.path("height").asInt(64), 0x55AA33 + i);
            images.append(i == 0 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(png)).append('"');
        }
        answer(exchange, 200, "{\"images\":[" + images + "],\"info\":\"{}\"}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
