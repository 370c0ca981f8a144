package io.atelier.core.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server on raw sockets for provider tests: one request per connection
 * ({@code Connection: close}), every request recorded, and replies that a JDK {@code HttpServer}
 * cannot give: a TCP reset, a body that stalls half-way, and a WebSocket upgrade (RFC 6455 server
 * frames, for ComfyUI's {@code /ws}).
 */
public final class LoopbackFakeServer implements AutoCloseable {

    /** A request as received; header names lower-case. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What the server does with a request. */
    public sealed interface Reply permits Respond, Reset, SlowBody, Upgrade {
    }

    /** A complete answer. */
    public record Respond(int status, Map<String, String> headers, byte[] body) implements Reply {
        public static Respond json(int status, String json) {
            return new Respond(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        public static Respond json(int status, String json, String header, String value) {
            return new Respond(status, Map.of("Content-Type", "application/json", header, value), json.getBytes(StandardCharsets.UTF_8));
        }

        public static Respond bytes(String contentType, byte[] body) {
            return new Respond(200, Map.of("Content-Type", contentType), body);
        }
    }

    /** Reads the request, then resets the connection (RST): the answer is lost. */
    public record Reset() implements Reply {
    }

    /** Sends the head and half the body, then stalls until the client gives up or the server closes. */
    public record SlowBody(byte[] body) implements Reply {
    }

    /** Upgrades to a WebSocket and hands the session to the handler (on its own thread). */
    public record Upgrade(WebSocketHandler handler) implements Reply {
    }

    @FunctionalInterface
    public interface WebSocketHandler {
        void run(WebSocketSession session) throws Exception;
    }

    /** The server end of a WebSocket: sends unmasked text frames. */
    public static final class WebSocketSession {
        private final Request request;
        private final OutputStream out;

        WebSocketSession(Request request, OutputStream out) {
            this.request = request;
            this.out = out;
        }

        public Request request() {
            return request;
        }

        public synchronized void sendText(String text) throws IOException {
            frame(0x81, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One unmasked frame (server to client) with the payload length in its shortest encoding. */
        private void frame(int opcode, byte[] payload) throws IOException {
            out.write(opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            } else {
                out.write(127);
                for (int i = 7; i >= 0; i--) {
                    out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
                }
            }
            out.write(payload);
            out.flush();
        }

        /** A binary frame (ComfyUI sends previews this way; clients must ignore them). */
        public synchronized void sendBinary(byte[] payload) throws IOException {
            frame(0x82, payload);
        }
    }

    private final ServerSocket server;
    private final Function<Request, Reply> handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    public LoopbackFakeServer(Function<Request, Reply> handler) {
        this.handler = handler;
        try {
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("fake-accept-" + server.getLocalPort()).start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Request request = read(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            Reply reply = handler.apply(request);
            switch (reply) {
                case Respond r -> {
                    StringBuilder head = new StringBuilder("HTTP/1.1 " + r.status() + " " + reason(r.status()) + "\r\n");
                    r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                    head.append("Content-Length: ").append(r.body().length).append("\r\nConnection: close\r\n\r\n");
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    out.write(r.body());
                    out.flush();
                }
                case Reset ignored -> {
                    socket.setSoLinger(true, 0);
                }
                case SlowBody s -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + s.body().length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(s.body(), 0, s.body().length / 2);
                    out.flush();
                    // Stall until the client gives up (its read fails) or the server closes.
                    socket.setSoTimeout(100);
                    while (!closed.await(0, TimeUnit.MILLISECONDS)) {
                        try {
                            if (in.read() < 0) {
                                return;
                            }
                        } catch (SocketTimeoutException e) {
                            // still stalled
                        }
                    }
                }
                case Upgrade u -> {
                    String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                            (request.header("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    // Drain what the client sends (masked frames, pings, close) so it never blocks.
                    Thread.ofVirtual().start(() -> {
                        try {
                            in.transferTo(OutputStream.nullOutputStream());
                        } catch (IOException e) {
                            // connection gone
                        }
                    });
                    u.handler().run(new WebSocketSession(request, out));
                    closed.await(30, TimeUnit.SECONDS);
                }
            }
        } catch (IOException | InterruptedException | NoSuchAlgorithmException e) {
            // the client went away
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            open.remove(socket);
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String target = parts[1];
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Map<String, String> query = new LinkedHashMap<>();
        if (target.contains("?")) {
            for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new Request(parts[0], path, query, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return b < 0 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** Waits up to {@code timeout} for {@code count} requests to {@code path}; true when they came. */
    public boolean awaitRequests(String method, String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (requests(method, path).size() >= count) {
                return true;
            }
            Thread.sleep(10);
        }
        return requests(method, path).size() >= count;
    }

    /** Lists what was asked, for assertion messages. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.method() + " " + r.path()));
        return out;
    }
}
