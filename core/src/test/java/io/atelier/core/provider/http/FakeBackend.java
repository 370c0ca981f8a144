package io.atelier.core.provider.http;

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
import java.util.function.Predicate;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A hosted image API double on 127.0.0.1 (random port): answers are scripted per {@code METHOD path},
 * in order; every request is recorded with its headers and body; {@code /files/<name>} serves output
 * files. A route whose script ran out answers 500, so a test that expected fewer calls fails.
 */
public final class FakeBackend implements AutoCloseable {

    /** One recorded request. */
    public record Recorded(String method, String path, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * One scripted answer; {@code stall} true means: never answer until the server closes;
     * {@code held} true means: answer only once the test calls {@link #releaseHeld()}.
     */
    public record Scripted(int status, Map<String, String> headers, byte[] body, boolean stall, boolean held) {
        public Scripted(int status, Map<String, String> headers, byte[] body, boolean stall) {
            this(status, headers, body, stall, false);
        }

        /** This answer, sent only after {@link #releaseHeld()}. */
        public Scripted heldUntilReleased() {
            return new Scripted(status, headers, body, false, true);
        }

        public static Scripted json(int status, String body) {
            return json(status, body, Map.of());
        }

        public static Scripted json(int status, String body, Map<String, String> headers) {
            Map<String, String> all = new HashMap<>(headers);
            all.put("Content-Type", "application/json");
            return new Scripted(status, all, body.getBytes(StandardCharsets.UTF_8), false);
        }

        public static Scripted bytes(int status, String contentType, byte[] body, Map<String, String> headers) {
            Map<String, String> all = new HashMap<>(headers);
            all.put("Content-Type", contentType);
            return new Scripted(status, all, body, false);
        }

        public static Scripted stalled() {
            return new Scripted(0, Map.of(), new byte[0], true);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Queue<Scripted>> scripts = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<String> fileRequests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch stalledRequestArrived = new CountDownLatch(1);
    private final CountDownLatch heldReleased = new CountDownLatch(1);

    public FakeBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String fileUrl(String name) {
        return url("/files/" + name);
    }

    /** Appends answers to the script of {@code METHOD path}. */
    public FakeBackend on(String method, String path, Scripted... answers) {
        scripts.computeIfAbsent(method + " " + path, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
        return this;
    }

    public void serveFile(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    /** The API requests (not file downloads), in arrival order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public List<String> fileRequests() {
        return List.copyOf(fileRequests);
    }

    /** Lets held answers go. */
    public void releaseHeld() {
        heldReleased.countDown();
    }

    /** Waits until a stalled answer has its request; false after 10 s. */
    public boolean awaitStalledRequest() throws InterruptedException {
        return stalledRequestArrived.await(10, TimeUnit.SECONDS);
    }

    /** Waits until a request matching {@code test} arrived; false after 10 s. */
    public boolean awaitRequest(Predicate<Recorded> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (requests.stream().anyMatch(test)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (path.startsWith("/files/")) {
            String name = path.substring("/files/".length());
            fileRequests.add(name);
            byte[] bytes = files.get(name);
            if (bytes == null) {
                send(exchange, 404, new byte[0]);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                send(exchange, 200, bytes);
            }
            return;
        }
        requests.add(new Recorded(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
        Queue<Scripted> script = scripts.get(exchange.getRequestMethod() + " " + path);
        Scripted answer = script == null ? null : script.poll();
        if (answer == null) {
            answer = Scripted.json(500, "{\"error\":\"no scripted answer for " + exchange.getRequestMethod() + " " + path + "\"}");
        }
        if (answer.held()) {
            stalledRequestArrived.countDown();
            try {
                heldReleased.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        heldReleased.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
