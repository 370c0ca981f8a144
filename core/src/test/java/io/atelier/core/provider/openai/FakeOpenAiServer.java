package io.atelier.core.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI Images API double on 127.0.0.1 (random port). Answers under {@code /v1/} are scripted in
 * order; every request is recorded. {@code /files/<name>} serves images for {@code url} answers.
 * When the script runs out it answers 500, so a test that expected fewer calls fails.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** One recorded request. */
    record Recorded(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer; {@code stall} true means: never answer until the server closes. */
    record Scripted(int status, Map<String, String> headers, byte[] body, boolean stall) {
        static Scripted json(int status, String body) {
            return new Scripted(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
        }

        static Scripted json(int status, String body, Map<String, String> headers) {
            Map<String, String> all = new HashMap<>(headers);
            all.put("Content-Type", "application/json");
            return new Scripted(status, all, body.getBytes(StandardCharsets.UTF_8), false);
        }

        static Scripted stalled() {
            return new Scripted(0, Map.of(), new byte[0], true);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> apiRequests = new CopyOnWriteArrayList<>();
    private final List<String> fileRequests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch stalledRequestArrived = new CountDownLatch(1);

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/", this::api);
        server.createContext("/files/", this::file);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    String fileUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
    }

    FakeOpenAiServer enqueue(Scripted... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    void serveFile(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    List<Recorded> requests() {
        return List.copyOf(apiRequests);
    }

    List<String> fileRequests() {
        return List.copyOf(fileRequests);
    }

    /** Waits until a stalled answer has its request; false after 10 s. */
    boolean awaitStalledRequest() throws InterruptedException {
        return stalledRequestArrived.await(10, TimeUnit.SECONDS);
    }

    private void api(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        apiRequests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body));
        Scripted answer = script.poll();
        if (answer == null) {
            answer = Scripted.json(500, "{\"error\":{\"message\":\"no scripted answer left\",\"type\":\"server_error\"}}");
        }
        if (answer.stall()) {
            stalledRequestArrived.countDown();
            try {
                released.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        send(exchange, answer.status(), answer.body());
    }

    private void file(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/files/".length());
        fileRequests.add(name);
        byte[] bytes = files.get(name);
        if (bytes == null) {
            send(exchange, 404, new byte[0]);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        send(exchange, 200, bytes);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
