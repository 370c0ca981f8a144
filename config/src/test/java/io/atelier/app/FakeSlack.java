package io.atelier.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Slack Web API double on 127.0.0.1 that records every call in order: Web API methods
 * ({@code POST /api/<method>}, form-encoded as the official client sends them), file uploads to
 * the URL its {@code files.getUploadURLExternal} hands out, and {@code response_url} posts. It
 * answers the way Slack documents (JSON {@code {"ok":true,...}}); {@link #rateLimitNext} makes the
 * next call of a method answer 429 with {@code Retry-After}.
 *
 * <p>Socket Mode: {@code apps.connections.open} hands out a WebSocket URL on the same fake, which
 * greets the client with {@code hello} and lets a test send envelopes and read the acks.
 */
final class FakeSlack implements AutoCloseable {

    /** One recorded call: the method ({@code chat.update}, {@code upload}, {@code response_url}), its form fields and body size. */
    /** The param under which each Web API call records the token it came with. */
    static final String TOKEN = "_token";

    record Call(String method, Map<String, String> params, int bodyBytes, String body) {

        String param(String name) {
            return params.get(name);
        }

        JsonNode json(String name) {
            String value = params.get(name);
            return value == null ? null : JSON.readTree(value);
        }
    }

    /** Recorded with chat.postMessage: the {@code ts} the fake answered (the message's id). */
    static final String ANSWERED_TS = "_answered_ts";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ts = new AtomicInteger(1000);
    private final AtomicInteger files = new AtomicInteger(1);
    private final Map<String, Integer> rateLimited = new ConcurrentHashMap<>();
    private volatile Set<String> groupMembers = Set.of();
    private volatile Set<String> workspaceAdmins = Set.of();
    /** Files users shared: {@code files.info} answers them, their private URL serves the bytes with the bot token. */
    private final Map<String, SharedFile> sharedFiles = new ConcurrentHashMap<>();
    /** Names of the files the app uploaded, by file id; and the files completed into each thread ("channel/ts"). */
    private final Map<String, String> uploadedNames = new ConcurrentHashMap<>();
    private final Map<String, List<String>> filesByThread = new ConcurrentHashMap<>();
    private final List<String> downloadAuthorizations = new CopyOnWriteArrayList<>();

    private record SharedFile(ObjectNode info, byte[] bytes) {
    }
    private final SocketModeServer sockets = new SocketModeServer();

    FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.createContext("/response/", this::response);
        server.createContext("/files-pri/", this::download);
        server.start();
    }

    /** The Socket Mode side: one WebSocket server on loopback, started on first use. */
    private final class SocketModeServer extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);
        private final List<String> received = new CopyOnWriteArrayList<>();
        private volatile WebSocket client;
        private volatile boolean running;

        SocketModeServer() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
        }

        synchronized String url() {
            if (!running) {
                running = true;
                start();
                try {
                    if (!started.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("fake Socket Mode server did not start");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return "ws://127.0.0.1:" + getPort() + "/link/?ticket=fake";
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            client = conn;
            calls.add(new Call("socket:open", Map.of("path", handshake.getResourceDescriptor()), 0, null));
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\","
                    + "\"approximate_connection_time\":3600},\"connection_info\":{\"app_id\":\"A0001\"}}");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            if (conn == client) {
                client = null;
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
            calls.add(new Call("socket:message", Map.of(), message.length(), message));
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            // The client reconnects by itself; tests wait for what they need.
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** Waits for the bot's Socket Mode connection. */
    void awaitSocket(Duration timeout) {
        await(c -> c.method().equals("socket:open"), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sockets.client == null && System.nanoTime() < deadline) {
            AppTestSupport.sleep(50);
        }
    }

    /** Sends a Socket Mode envelope to the connected bot; returns its envelope id. */
    String sendEnvelope(String type, JsonNode payload, int retryAttempt) {
        String id = "env-" + UUID.randomUUID();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("envelope_id", id);
        envelope.put("type", type);
        envelope.set("payload", payload);
        envelope.put("accepts_response_payload", !type.equals("events_api"));
        envelope.put("retry_attempt", retryAttempt);
        envelope.put("retry_reason", retryAttempt == 0 ? "" : "timeout");
        WebSocket client = sockets.client;
        if (client == null) {
            throw new AssertionError("the bot has no Socket Mode connection");
        }
        client.send(JSON.writeValueAsString(envelope));
        return id;
    }

    /** The bot's ack of an envelope. */
    JsonNode awaitAck(String envelopeId, Duration timeout) {
        Call ack = await(c -> c.method().equals("socket:message") && c.body().contains(envelopeId), timeout);
        return JSON.readTree(ack.body());
    }

    /**
     * A file a user shared (or chose in a form's file input), as Slack's file object
     * ({@code id, name, mimetype, size, url_private, url_private_download, original_w, original_h});
     * its URLs answer only with the bot token.
     */
    ObjectNode shareFile(String name, String mimetype, byte[] bytes, Integer width, Integer height) {
        String id = "F" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        ObjectNode file = JSON.createObjectNode();
        file.put("id", id);
        file.put("name", name);
        file.put("title", name);
        file.put("mimetype", mimetype);
        file.put("filetype", name.substring(name.lastIndexOf('.') + 1));
        file.put("size", bytes.length);
        file.put("url_private", base() + "/files-pri/" + id + "/" + name);
        file.put("url_private_download", base() + "/files-pri/" + id + "/download/" + name);
        file.put("permalink", "https://atelier-test.slack.com/files/U100/" + id + "/" + name);
        if (width != null) {
            file.put("original_w", String.valueOf(width));
            file.put("original_h", String.valueOf(height));
        }
        sharedFiles.put(id, new SharedFile(file, bytes));
        return file;
    }

    /** The {@code Authorization} headers file downloads came with. */
    List<String> downloadAuthorizations() {
        return List.copyOf(downloadAuthorizations);
    }

    String apiUrl() {
        return base() + "/api/";
    }

    String responseUrl(String id) {
        return base() + "/response/" + id;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Records a marker (such as "the ack arrived") among the calls, to check ordering. */
    void mark(String name) {
        calls.add(new Call("mark:" + name, Map.of(), 0, null));
    }

    int indexOfMark(String name) {
        List<Call> all = calls();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).method().equals("mark:" + name)) {
                return i;
            }
        }
        throw new AssertionError("no mark " + name);
    }

    void reset() {
        calls.clear();
        rateLimited.clear();
    }

    /** Users that {@code users.info} reports as workspace admins. */
    void workspaceAdmins(Set<String> admins) {
        workspaceAdmins = Set.copyOf(admins);
    }

    void groupMembers(Set<String> members) {
        groupMembers = Set.copyOf(members);
    }

    /** The next {@code times} calls of the method answer 429 with {@code Retry-After: 1}. */
    void rateLimitNext(String method, int times) {
        rateLimited.put(method, times);
    }

    /** Waits until a recorded call matches (bounded), and returns it. */
    Call await(Predicate<Call> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Call c : calls) {
                if (condition.test(c)) {
                    return c;
                }
            }
            AppTestSupport.sleep(50);
        }
        throw new AssertionError("no matching Slack call within " + timeout + "; calls: " + describe());
    }

    String describe() {
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            out.add(c.method() + (c.param("ts") != null ? "(ts=" + c.param("ts") + ")" : "")
                    + (c.body() != null ? "(" + c.param("id") + ": " + c.body() + ")" : ""));
        }
        return out.toString();
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
        // The token the call came with (Authorization header, or the form's token), to check which workspace's it was.
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            params.put(TOKEN, authorization.substring("Bearer ".length()));
        } else if (params.get("token") != null) {
            params.put(TOKEN, params.get("token"));
        }
        Integer limited = rateLimited.computeIfPresent(method, (m, n) -> n - 1);
        if (limited != null && limited >= 0) {
            calls.add(new Call(method + "#429", params, body.length, null));
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("ok", true);
        if (method.equals("chat.postMessage")) {
            params.put(ANSWERED_TS, nextTs());
        }
        calls.add(new Call(method, Map.copyOf(params), body.length, null));
        switch (method) {
            case "apps.connections.open" -> r.put("url", sockets.url());
            case "oauth.v2.access" -> {
                // The code names the workspace ("code-T2" installs T2) and its token is "xoxb-T2-token".
                String code = params.getOrDefault("code", "");
                // The client's credentials come as form fields or, as Bolt sends them, HTTP Basic.
                String basic = authorization != null && authorization.startsWith("Basic ")
                        ? new String(java.util.Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8) : "";
                boolean secret = "atelier-client-secret".equals(params.get("client_secret")) || basic.endsWith(":atelier-client-secret");
                if (!code.startsWith("code-") || !secret) {
                    send(exchange, 200, "{\"ok\":false,\"error\":\"invalid_code\"}");
                    return;
                }
                String team = code.substring("code-".length());
                r.put("app_id", "A0001");
                r.put("access_token", "xoxb-" + team + "-token");
                r.put("token_type", "bot");
                r.put("scope", "commands,chat:write");
                r.put("bot_user_id", "UBOT" + team);
                r.putObject("team").put("id", team).put("name", "Workspace " + team);
                r.putNull("enterprise");
                r.put("is_enterprise_install", false);
                r.putObject("authed_user").put("id", "UINSTALLER" + team);
            }
            case "auth.test" -> {
                r.put("team_id", "T0001");
                r.put("user_id", "UBOT");
                r.put("bot_id", "BBOT");
            }
            case "chat.postMessage", "chat.update" -> {
                r.put("channel", params.get("channel"));
                r.put("ts", method.equals("chat.update") ? params.get("ts") : params.get(ANSWERED_TS));
            }
            case "chat.postEphemeral" -> r.put("message_ts", nextTs());
            case "files.getUploadURLExternal" -> {
                String id = "F" + files.getAndIncrement();
                r.put("file_id", id);
                r.put("upload_url", base() + "/upload/" + id);
                uploadedNames.put(id, params.getOrDefault("filename", id));
            }
            case "files.completeUploadExternal" -> {
                ArrayNode list = r.putArray("files");
                JsonNode requested = JSON.readTree(params.getOrDefault("files", "[]"));
                for (JsonNode f : requested) {
                    list.addObject().put("id", f.get("id").stringValue()).put("title", f.path("title").asString(""));
                    if (params.get("thread_ts") != null) {
                        filesByThread.computeIfAbsent(params.get("channel_id") + "/" + params.get("thread_ts"),
                                t -> new CopyOnWriteArrayList<>()).add(f.get("id").stringValue());
                    }
                }
            }
            case "conversations.replies" -> {
                // The thread's parent, then one reply per file shared into it (as Slack shows uploads).
                ArrayNode messages = r.putArray("messages");
                messages.addObject().put("ts", params.get("ts"));
                for (String id : filesByThread.getOrDefault(params.get("channel") + "/" + params.get("ts"), List.of())) {
                    ObjectNode reply = messages.addObject().put("ts", nextTs()).put("thread_ts", params.get("ts"));
                    reply.putArray("files").addObject().put("id", id).put("name", uploadedNames.get(id));
                }
            }
            case "views.open", "views.publish" -> r.putObject("view").put("id", "V" + nextTs());
            case "files.info" -> {
                SharedFile file = sharedFiles.get(params.get("file"));
                if (file == null) {
                    send(exchange, 200, "{\"ok\":false,\"error\":\"file_not_found\"}");
                    return;
                }
                r.set("file", file.info());
            }
            case "users.info" -> {
                String user = params.getOrDefault("user", "");
                r.putObject("user").put("id", user).put("team_id", "T0001").put("is_admin", workspaceAdmins.contains(user))
                        .put("is_owner", false).put("is_primary_owner", false);
            }
            case "usergroups.users.list" -> {
                ArrayNode users = r.putArray("users");
                groupMembers.forEach(users::add);
            }
            default -> {
                // chat.delete and the rest: {"ok":true}
            }
        }
        send(exchange, 200, JSON.writeValueAsString(r));
    }

    private void upload(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestURI().getPath().substring("/upload/".length());
        calls.add(new Call("upload", Map.of("file_id", id), body.length, null));
        send(exchange, 200, "OK - " + body.length);
    }

    private void download(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        downloadAuthorizations.add(String.valueOf(authorization));
        String id = exchange.getRequestURI().getPath().split("/")[2];
        SharedFile file = sharedFiles.get(id);
        calls.add(new Call("download", Map.of("file", id), 0, null));
        if (file == null || !"Bearer xoxb-test-token".equals(authorization)) {
            // Slack answers a file URL without a valid token with its sign-in page.
            send(exchange, file == null ? 404 : 302, "not_authed");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", file.info().get("mimetype").stringValue());
        exchange.sendResponseHeaders(200, file.bytes().length);
        exchange.getResponseBody().write(file.bytes());
        exchange.close();
    }

    private void response(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        calls.add(new Call("response_url", Map.of("id", exchange.getRequestURI().getPath().substring("/response/".length())),
                body.length, text));
        send(exchange, 200, "ok");
    }

    private String nextTs() {
        return "1700000000." + String.format("%06d", ts.incrementAndGet());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isBlank()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 && body.startsWith("{")
                ? "application/json; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        if (sockets.running) {
            try {
                sockets.stop(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
