package io.atelier.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Discord, speaking its wire format (API v10) on loopback, for driving the
 * real JDA client: REST routes under {@code /api/v10/} on the JDK's HTTP server, and a gateway
 * websocket (JSON encoding, no compression) that answers HELLO, IDENTIFY → READY, heartbeats, and
 * sends INTERACTION_CREATE dispatches the test composes. Every REST request is recorded, with the
 * time it arrived, for assertions.
 *
 * <p>Failure injection: {@link #failNext} answers the next request matching a method and path
 * pattern with a given status and Discord error body.
 */
final class FakeDiscord implements AutoCloseable {

    static final String APP_ID = "1100000000000000001";
    static final String GUILD_ID = "1200000000000000002";
    static final String CHANNEL_ID = "1300000000000000003";
    static final long DISCORD_EPOCH = 1420070400000L;
    /** MANAGE_MESSAGES (1 << 13). */
    static final String MANAGE_MESSAGES = "8192";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One REST request as received. */
    record Request(String method, String path, String query, String contentType, byte[] body, long receivedNanos) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean multipart() {
            return contentType != null && contentType.startsWith("multipart/form-data");
        }

        /** The JSON payload: the body, or the {@code payload_json} part of a multipart body. */
        JsonNode json() {
            String t = text();
            if (multipart()) {
                int name = t.indexOf("name=\"payload_json\"");
                int start = t.indexOf("\r\n\r\n", name) + 4;
                int end = t.indexOf("\r\n--", start);
                t = t.substring(start, end);
            }
            return t.isBlank() ? JSON.createObjectNode() : JSON.readTree(t);
        }

        /** File names of the multipart file parts ({@code files[n]}). */
        List<String> fileNames() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("name=\"files\\[\\d+]\"; filename=\"([^\"]+)\"").matcher(text());
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** The bytes of the multipart file parts ({@code files[n]}), in order. */
        List<byte[]> files() {
            List<byte[]> out = new ArrayList<>();
            if (!multipart()) {
                return out;
            }
            String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
            String t = new String(body, StandardCharsets.ISO_8859_1);
            for (String part : t.split(Pattern.quote("--" + boundary))) {
                int head = part.indexOf("\r\n\r\n");
                if (head < 0 || !part.substring(0, head).matches("(?s).*name=\"files\\[\\d+]\".*")) {
                    continue;
                }
                String content = part.substring(head + 4, part.length() - 2);
                out.add(content.getBytes(StandardCharsets.ISO_8859_1));
            }
            return out;
        }

        /** Whether the body holds a PNG file (its signature). */
        boolean hasPng() {
            String t = new String(body, StandardCharsets.ISO_8859_1);
            return t.contains("\u0089PNG\r\n\u001a\n");
        }
    }

    /** An interaction sent through the gateway. */
    record Interaction(String id, String token, Instant at) {
    }

    private record Failure(String method, Pattern path, int status, String body, Map<String, String> headers,
                           Predicate<Request> when) {
    }

    private final HttpServer http;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(8);
    private final Gateway gateway;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, String> messagesByToken = new ConcurrentHashMap<>();
    /** Attachment bytes served at their CDN-like URLs, by attachment id. */
    private final Map<String, Served> attachments = new ConcurrentHashMap<>();

    private record Served(String contentType, byte[] bytes) {
    }
    private final List<Long> dispatchNanos = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch ready = new CountDownLatch(1);
    /** Connections whose bot identified and got READY (dispatches go to these only). */
    private final Set<WebSocket> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger identifies = new AtomicInteger();

    FakeDiscord() throws IOException, InterruptedException {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY the
        // body can wait for the client's delayed ACK (40 ms). Read once, when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(httpThreads);
        http.start();
        gateway = new Gateway();
        gateway.start();
        if (!gateway.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    String apiBaseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
    }

    String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort() + "/";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && p.matcher(r.path()).matches()).toList();
    }

    /** Waits until a request matching method, path and predicate arrived; returns the first such. */
    Request await(String method, String pathRegex, Predicate<Request> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pattern p = Pattern.compile(pathRegex);
        while (System.nanoTime() < deadline) {
            for (Request r : requests) {
                if (r.method().equals(method) && p.matcher(r.path()).matches() && matching.test(r)) {
                    return r;
                }
            }
            sleep(20);
        }
        throw new AssertionError("no " + method + " " + pathRegex + " within " + timeout + "; received: "
                + requests.stream().map(r -> r.method() + " " + r.path()).toList());
    }

    void failNext(String method, String pathRegex, int status, String body, Map<String, String> headers) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, body, headers, r -> true));
    }

    /** The next request of this method and path that also matches {@code when} (e.g. carries a PNG) fails so. */
    void failNextMatching(String method, String pathRegex, Predicate<Request> when, int status, String body) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, body, Map.of(), when));
    }

    /** Waits until a bot session identified and got READY (counting sessions since the last call). */
    void awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the bot did not connect to the fake gateway within " + timeout);
        }
    }

    /** Expects a new session (after a restart of the bot). */
    void expectNewSession() {
        ready = new CountDownLatch(1);
    }

    int identifies() {
        return identifies.get();
    }

    /** A snowflake for now (its timestamp is what JDA reads as the interaction's creation time). */
    String snowflake(Instant at) {
        return Long.toUnsignedString(((at.toEpochMilli() - DISCORD_EPOCH) << 22) | (ids.incrementAndGet() & 0x3FFFFF));
    }

    /** Sends {@code /name options} from {@code userId} in the guild channel; {@code options} as Discord sends them. */
    Interaction slashCommand(String name, List<Map<String, Object>> options, String userId, String permissions) {
        return slashCommandAt(name, options, userId, permissions, Instant.now());
    }

    Interaction slashCommandAt(String name, List<Map<String, Object>> options, String userId, String permissions,
                               Instant at) {
        return slashCommand(name, options, userId, permissions, at, List.of());
    }

    /**
     * {@code /name} with attachment options: each option of type 11 names one of {@code resolved}
     * (see {@link #attachment}) by id, and the attachments travel in {@code data.resolved.attachments}
     * as Discord sends them.
     */
    Interaction slashCommand(String name, List<Map<String, Object>> options, String userId, String permissions,
                             List<Map<String, Object>> resolved) {
        return slashCommand(name, options, userId, permissions, Instant.now(), resolved);
    }

    private Interaction slashCommand(String name, List<Map<String, Object>> options, String userId, String permissions,
                                     Instant at, List<Map<String, Object>> resolved) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "1400000000000000004");
        data.put("name", name);
        data.put("type", 1);
        data.put("options", options);
        if (!resolved.isEmpty()) {
            Map<String, Object> byId = new LinkedHashMap<>();
            resolved.forEach(a -> byId.put((String) a.get("id"), a));
            data.put("resolved", Map.of("attachments", byId));
        }
        return interaction(2, data, null, userId, permissions, at);
    }

    /**
     * An uploaded attachment as Discord resolves it for a command ({@code id, filename, size, url,
     * proxy_url, content_type, width, height}); its bytes are served at its {@code url} on this fake,
     * as Discord's CDN serves them (no credentials).
     */
    Map<String, Object> attachment(String filename, String contentType, byte[] bytes, Integer width, Integer height) {
        String id = snowflake(Instant.now());
        attachments.put(id, new Served(contentType, bytes));
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/attachments/" + CHANNEL_ID + "/" + id + "/" + filename;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("filename", filename);
        a.put("size", bytes.length);
        a.put("url", url);
        a.put("proxy_url", url);
        a.put("content_type", contentType);
        a.put("width", width);
        a.put("height", height);
        a.put("ephemeral", false);
        a.put("flags", 0);
        return a;
    }

    /** Requests for attachment files (the bot downloading what users attached). */
    List<Request> attachmentDownloads() {
        return requests.stream().filter(r -> r.path().startsWith("/attachments/")).toList();
    }

    /** Clicks a button with {@code customId} on a message the bot sent. */
    Interaction button(String customId, String messageId, String userId, String permissions) {
        return button(customId, messageId, userId, permissions, List.of());
    }

    /**
     * Clicks a button on a message the bot sent with these embeds (as the bot's last edit set them);
     * Discord returns them with their {@code type} ({@code rich}), which the bot's edits leave out.
     */
    @SuppressWarnings("unchecked")
    Interaction button(String customId, String messageId, String userId, String permissions, List<Object> embeds) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custom_id", customId);
        data.put("component_type", 2);
        List<Object> typed = new ArrayList<>();
        for (Object embed : embeds) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) embed);
            copy.putIfAbsent("type", "rich");
            typed.add(copy);
        }
        return interaction(3, data, message(messageId, "", typed), userId, permissions, Instant.now());
    }

    /**
     * Submits the modal {@code customId} (MODAL_SUBMIT, type 5) as sent after a button on the message
     * {@code messageId}; {@code components} in Discord's shape for labelled inputs ({@link #labelled}).
     */
    Interaction modalSubmit(String customId, List<Map<String, Object>> components, String messageId, String userId,
                            String permissions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custom_id", customId);
        data.put("components", List.copyOf(components));
        return interaction(5, data, message(messageId, "", List.of()), userId, permissions, Instant.now());
    }

    /** A submitted modal input inside its label (component type 18). */
    static Map<String, Object> labelled(int id, Map<String, Object> component) {
        return Map.of("type", 18, "id", id, "component", component);
    }

    static Map<String, Object> option(String name, int type, Object value) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("type", type);
        o.put("value", value);
        return o;
    }

    private Interaction interaction(int type, Map<String, Object> data, Map<String, Object> message, String userId,
                                    String permissions, Instant at) {
        String id = snowflake(at);
        String token = "aW50ZXJhY3Rpb24" + id + "tok";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("application_id", APP_ID);
        d.put("type", type);
        d.put("version", 1);
        d.put("token", token);
        d.put("guild_id", GUILD_ID);
        d.put("guild", Map.of("id", GUILD_ID, "locale", "en-US", "features", List.of()));
        d.put("channel_id", CHANNEL_ID);
        d.put("channel", channel());
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("user", user(userId, "user" + userId));
        member.put("roles", List.of());
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        member.put("permissions", permissions);
        d.put("member", member);
        d.put("data", data);
        if (message != null) {
            d.put("message", message);
        }
        d.put("locale", "en-US");
        d.put("guild_locale", "en-US");
        d.put("app_permissions", "2248473465835073");
        d.put("entitlements", List.of());
        d.put("authorizing_integration_owners", Map.of("0", GUILD_ID));
        d.put("context", 0);
        dispatch("INTERACTION_CREATE", d);
        return new Interaction(id, token, at);
    }

    /** Nanos at which each dispatch was written to the socket (for the benchmark). */
    List<Long> dispatchNanos() {
        return List.copyOf(dispatchNanos);
    }

    /**
     * Sends a dispatch to the bot's identified sessions, waiting (bounded) for one when the bot is
     * between sessions (a restart of the bot, or of its test context): a gateway keeps events for a
     * session, it does not drop them on the floor.
     */
    void dispatch(String type, Object d) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sessions.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", 0);
        frame.put("t", type);
        frame.put("s", sequence.incrementAndGet());
        frame.put("d", d);
        String text = JSON.writeValueAsString(frame);
        for (WebSocket socket : sessions) {
            dispatchNanos.add(System.nanoTime());
            socket.send(text);
        }
    }

    private static Map<String, Object> channel() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", CHANNEL_ID);
        c.put("type", 0);
        c.put("guild_id", GUILD_ID);
        c.put("name", "general");
        c.put("position", 0);
        c.put("permission_overwrites", List.of());
        c.put("nsfw", false);
        c.put("parent_id", null);
        c.put("topic", null);
        c.put("last_message_id", null);
        c.put("rate_limit_per_user", 0);
        c.put("flags", 0);
        c.put("permissions", "2248473465835073");
        return c;
    }

    static Map<String, Object> user(String id, String name) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("username", name);
        u.put("discriminator", "0");
        u.put("global_name", name);
        u.put("avatar", null);
        u.put("public_flags", 0);
        return u;
    }

    private Map<String, Object> botUser() {
        Map<String, Object> u = user(APP_ID, "atelier");
        u.put("bot", true);
        u.put("verified", true);
        u.put("mfa_enabled", false);
        u.put("flags", 0);
        return u;
    }

    /** A message object as Discord returns it (the bot as author). */
    private Map<String, Object> message(String id, String channelId, List<Object> embeds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", 0);
        m.put("channel_id", channelId.isEmpty() ? CHANNEL_ID : channelId);
        m.put("author", botUser());
        m.put("content", "");
        m.put("timestamp", "2026-01-01T00:00:00.000000+00:00");
        m.put("edited_timestamp", null);
        m.put("tts", false);
        m.put("mention_everyone", false);
        m.put("mentions", List.of());
        m.put("mention_roles", List.of());
        m.put("attachments", List.of());
        m.put("embeds", embeds);
        m.put("components", List.of());
        m.put("pinned", false);
        m.put("flags", 0);
        m.put("application_id", APP_ID);
        return m;
    }

    // ------------------------------------------------------------------ REST

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String fullPath = exchange.getRequestURI().getPath();
        String path = fullPath.startsWith("/api/v10") ? fullPath.substring("/api/v10".length()) : fullPath;
        Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, System.nanoTime());
        requests.add(request);
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

    private void route(HttpExchange exchange, Request r) throws IOException {
        String p = r.path();
        String m = r.method();
        if (m.equals("GET") && p.startsWith("/attachments/")) {
            String[] parts = p.split("/");
            Served served = parts.length > 3 ? attachments.get(parts[3]) : null;
            if (served == null) {
                respond(exchange, 404, "{\"message\": \"404: Not Found\", \"code\": 0}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", served.contentType());
            exchange.sendResponseHeaders(200, served.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(served.bytes());
            }
        } else if (m.equals("GET") && p.equals("/users/@me")) {
            json(exchange, 200, botUser());
        } else if (m.equals("GET") && p.equals("/gateway")) {
            json(exchange, 200, Map.of("url", gatewayUrl()));
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
            String id = messagesByToken.computeIfAbsent(token, t -> snowflake(Instant.now()));
            json(exchange, 200, message(id, "", List.of()));
        } else if (m.equals("DELETE") && p.matches("/webhooks/\\d+/[^/]+/messages/@original")) {
            respond(exchange, 204, null);
        } else if (m.equals("POST") && p.matches("/webhooks/\\d+/[^/]+")) {
            json(exchange, 200, message(snowflake(Instant.now()), "", List.of()));
        } else if (m.equals("POST") && p.matches("/channels/\\d+/messages")) {
            json(exchange, 200, message(snowflake(Instant.now()), p.split("/")[2], List.of()));
        } else if (m.equals("PATCH") && p.matches("/channels/\\d+/messages/\\d+")) {
            json(exchange, 200, message(p.split("/")[4], p.split("/")[2], List.of()));
        } else if (m.equals("POST") && p.equals("/users/@me/channels")) {
            String recipient = r.json().path("recipient_id").asString();
            json(exchange, 200, Map.of("id", "1500000000000000005", "type", 1, "last_message_id", "0",
                    "recipients", List.of(user(recipient, "user" + recipient))));
        } else {
            respond(exchange, 404, "{\"message\": \"404: Not Found\", \"code\": 0}");
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

    // ------------------------------------------------------------------ gateway

    private final class Gateway extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Gateway() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            // Without TCP_NODELAY, Nagle holds back each dispatch after the first of a burst until
            // the client's delayed ACK (40 ms on Linux): a stall no real gateway has.
            setTcpNoDelay(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            JsonNode frame = JSON.readTree(message);
            int op = frame.path("op").asInt();
            switch (op) {
                case 1 -> conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
                case 2 -> {
                    identifies.incrementAndGet();
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("v", 10);
                    d.put("user", botUser());
                    d.put("guilds", List.of());
                    d.put("session_id", "session-" + ids.incrementAndGet());
                    d.put("resume_gateway_url", gatewayUrl());
                    d.put("application", Map.of("id", APP_ID, "flags", 0));
                    d.put("private_channels", List.of());
                    d.put("presences", List.of());
                    d.put("relationships", List.of());
                    d.put("user_settings", Map.of());
                    Map<String, Object> frameOut = new LinkedHashMap<>();
                    frameOut.put("op", 0);
                    frameOut.put("t", "READY");
                    frameOut.put("s", sequence.incrementAndGet());
                    frameOut.put("d", d);
                    conn.send(JSON.writeValueAsString(frameOut));
                    sessions.add(conn);
                    ready.countDown();
                }
                case 6 -> conn.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
                default -> { }
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            sessions.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    @Override
    public void close() throws Exception {
        gateway.stop(1000);
        http.stop(0);
        httpThreads.shutdownNow();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
