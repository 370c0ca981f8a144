package io.atelier.testkit.discord;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway half of {@link FakeDiscord}: a websocket (JSON encoding, no compression) that answers
 * HELLO, IDENTIFY → READY, heartbeats and RESUME (refused: the bot identifies anew), and sends the
 * dispatches the test composes to the sessions that identified.
 */
final class FakeDiscordGateway extends WebSocketServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeDiscordObjects objects;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile CountDownLatch ready = new CountDownLatch(1);
    /** Connections whose bot identified and got READY (dispatches go to these only). */
    private final Set<WebSocket> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger identifies = new AtomicInteger();

    FakeDiscordGateway(FakeDiscordObjects objects) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.objects = objects;
        setReuseAddr(true);
        // Without TCP_NODELAY, Nagle holds back each dispatch after the first of a burst until the
        // client's delayed ACK (40 ms on Linux): a stall no real gateway has.
        setTcpNoDelay(true);
    }

    /** Starts the server and waits until it listens. */
    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the bot did not connect to the fake gateway within " + timeout);
        }
    }

    void expectNewSession() {
        ready = new CountDownLatch(1);
    }

    int identifies() {
        return identifies.get();
    }

    /**
     * Sends a dispatch to the bot's identified sessions, waiting (bounded) for one when the bot is
     * between sessions (a restart of the bot, or of its test context): a gateway keeps events for a
     * session, it does not drop them on the floor. Returns when it was written ({@link System#nanoTime}).
     */
    long dispatch(String type, Object d) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sessions.isEmpty() && System.nanoTime() < deadline) {
            FakeDiscord.sleep(20);
        }
        String text = JSON.writeValueAsString(frame(type, d));
        long at = System.nanoTime();
        for (WebSocket socket : sessions) {
            socket.send(text);
        }
        return at;
    }

    private Map<String, Object> frame(String type, Object d) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", 0);
        frame.put("t", type);
        frame.put("s", sequence.incrementAndGet());
        frame.put("d", d);
        return frame;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode frame = JSON.readTree(message);
        switch (frame.path("op").asInt()) {
            case 1 -> conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
            case 2 -> {
                identifies.incrementAndGet();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("v", 10);
                d.put("user", FakeDiscordObjects.botUser());
                d.put("guilds", List.of());
                d.put("session_id", objects.sessionId());
                d.put("resume_gateway_url", url());
                d.put("application", Map.of("id", FakeDiscord.APP_ID, "flags", 0));
                d.put("private_channels", List.of());
                d.put("presences", List.of());
                d.put("relationships", List.of());
                d.put("user_settings", Map.of());
                conn.send(JSON.writeValueAsString(frame("READY", d)));
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
