package io.atelier.testkit.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST half of {@link FakeDiscord}: routes under {@code /api/v10/} on the JDK's HTTP server, and
 * attachment files at CDN-like URLs. Records every request; answers the next request matching an
 * injected failure with that failure instead.
 */
final class FakeDiscordRest implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NOT_FOUND = "{\"message\": \"404: Not Found\", \"code\": 0}";

    private record Failure(String method, Pattern path, int status, String body, Map<String, String> headers,
                           Predicate<FakeDiscordRequest> when) {
    }

    private record Served(String contentType, byte[] bytes) {
    }

    private final FakeDiscordObjects objects;
    private final Supplier<String> gatewayUrl;
    private final HttpServer http;
    /**
     * A platform thread per concurrent request: Discord answers requests in parallel, so the fake must
     * not queue them (with a fixed pool of 8, a burst's pending-message edits delayed later
     * callbacks). Not virtual threads: those would share their carriers with the bot's own virtual
     * threads, and a carrier busy with the bot's work would delay the fake's clock.
     */
    private final ExecutorService httpThreads = Executors.newCachedThreadPool();
    private final List<FakeDiscordRequest> requests = new CopyOnWriteArrayList<>();
    /** Requests by {@code "METHOD path"}, for {@link #awaitExact}; {@link #arrivals} is notified on every one. */
    private final Map<String, List<FakeDiscordRequest>> byRoute = new ConcurrentHashMap<>();
    private final Object arrivals = new Object();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, String> messagesByToken = new ConcurrentHashMap<>();
    /** Attachment bytes served at their CDN-like URLs, by attachment id. */
    private final Map<String, Served> attachments = new ConcurrentHashMap<>();

    FakeDiscordRest(FakeDiscordObjects objects, Supplier<String> gatewayUrl) throws IOException {
        this.objects = objects;
        this.gatewayUrl = gatewayUrl;
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY the
        // body can wait for the client's delayed ACK (40 ms). Read once, when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(httpThreads);
        http.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    List<FakeDiscordRequest> requests() {
        return List.copyOf(requests);
    }

    /** Waits (polling) until a request matching method, path pattern and predicate arrived; returns the first such. */
    FakeDiscordRequest await(String method, String pathRegex, Predicate<FakeDiscordRequest> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pattern p = Pattern.compile(pathRegex);
        while (System.nanoTime() < deadline) {
            for (FakeDiscordRequest r : requests) {
                if (r.method().equals(method) && p.matcher(r.path()).matches() && matching.test(r)) {
                    return r;
                }
            }
            FakeDiscord.sleep(20);
        }
        throw new AssertionError("no " + method + " " + pathRegex + " within " + timeout + "; received: "
                + requests.stream().map(r -> r.method() + " " + r.path()).toList());
    }

    /**
     * Waits until a request with exactly this method and path arrived and matches; returns the first
     * such. Blocks on arrivals instead of polling and looks only at that path's requests, so waiting
     * costs (almost) no CPU while the bot under test works.
     */
    FakeDiscordRequest awaitExact(String method, String path, Predicate<FakeDiscordRequest> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<FakeDiscordRequest> list = byRoute.computeIfAbsent(method + " " + path, k -> new CopyOnWriteArrayList<>());
        synchronized (arrivals) {
            while (true) {
                for (FakeDiscordRequest r : list) {
                    if (matching.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + method + " " + path + " within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
        }
    }

    void failNext(String method, String pathRegex, Predicate<FakeDiscordRequest> when, int status, String body,
                  Map<String, String> headers) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, body, headers, when));
    }

    /** Serves {@code bytes} at {@code /attachments/{channel}/{id}/{filename}}; returns that URL. */
    String serveAttachment(String id, String filename, String contentType, byte[] bytes) {
        attachments.put(id, new Served(contentType, bytes));
        return baseUrl() + "/attachments/" + FakeDiscord.CHANNEL_ID + "/" + id + "/" + filename;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long received = System.nanoTime();
        String method = exchange.getRequestMethod();
        String fullPath = exchange.getRequestURI().getPath();
        String path = fullPath.startsWith("/api/v10") ? fullPath.substring("/api/v10".length()) : fullPath;
        FakeDiscordRequest request = new FakeDiscordRequest(method, path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, received);
        requests.add(request);
        byRoute.computeIfAbsent(method + " " + path, k -> new CopyOnWriteArrayList<>()).add(request);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        try {
            for (Failure f : failures) {
                if (f.method().equals(method) && f.path().matcher(path).matches() && f.when().test(request)
                        && failures.remove(f)) {
                    f.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                    respond(exchange, f.status(), f.body());
                    return;
                }
            }
            route(exchange, request);
        } catch (RuntimeException e) {
            respond(exchange, 500, "{\"message\": \"fake failed: " + e.getMessage() + "\", \"code\": 0}");
        }
    }

    private void route(HttpExchange exchange, FakeDiscordRequest r) throws IOException {
        String p = r.path();
        String m = r.method();
        if (m.equals("GET") && p.startsWith("/attachments/")) {
            String[] parts = p.split("/");
            Served served = parts.length > 3 ? attachments.get(parts[3]) : null;
            if (served == null) {
                respond(exchange, 404, NOT_FOUND);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", served.contentType());
            exchange.sendResponseHeaders(200, served.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(served.bytes());
            }
        } else if (m.equals("GET") && p.equals("/users/@me")) {
            json(exchange, 200, FakeDiscordObjects.botUser());
        } else if (m.equals("GET") && p.equals("/gateway")) {
            json(exchange, 200, Map.of("url", gatewayUrl.get()));
        } else if (m.equals("PUT") && p.matches("/applications/\\d+(/guilds/\\d+)?/commands")) {
            respond(exchange, 200, "[]");
        } else if (m.equals("POST") && p.matches("/interactions/\\d+/[^/]+/callback")) {
            String interactionId = p.split("/")[2];
            int type = r.json().path("type").asInt();
            json(exchange, 200, Map.of("interaction", Map.of("id", interactionId, "type", 2,
                            "response_message_loading", type == 5, "response_message_ephemeral", false),
                    "resource", Map.of("type", type)));
        } else if (m.equals("PATCH") && p.matches("/webhooks/\\d+/[^/]+/messages/@original")) {
            String token = p.split("/")[3];
            String id = messagesByToken.computeIfAbsent(token, t -> objects.snowflake(Instant.now()));
            json(exchange, 200, FakeDiscordObjects.message(id, "", List.of()));
        } else if (m.equals("DELETE") && p.matches("/webhooks/\\d+/[^/]+/messages/@original")) {
            respond(exchange, 204, null);
        } else if (m.equals("POST") && p.matches("/webhooks/\\d+/[^/]+")) {
            json(exchange, 200, FakeDiscordObjects.message(objects.snowflake(Instant.now()), "", List.of()));
        } else if (m.equals("POST") && p.matches("/channels/\\d+/messages")) {
            json(exchange, 200, FakeDiscordObjects.message(objects.snowflake(Instant.now()), p.split("/")[2], List.of()));
        } else if (m.equals("PATCH") && p.matches("/channels/\\d+/messages/\\d+")) {
            json(exchange, 200, FakeDiscordObjects.message(p.split("/")[4], p.split("/")[2], List.of()));
        } else if (m.equals("POST") && p.equals("/users/@me/channels")) {
            String recipient = r.json().path("recipient_id").asString();
            json(exchange, 200, Map.of("id", "1500000000000000005", "type", 1, "last_message_id", "0",
                    "recipients", List.of(FakeDiscordObjects.user(recipient, "user" + recipient))));
        } else {
            respond(exchange, 404, NOT_FOUND);
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, JSON.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
    }
}
