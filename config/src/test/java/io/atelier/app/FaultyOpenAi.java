package io.atelier.app;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A loopback OpenAI Images API ({@code POST /v1/images/generations}) that misbehaves on a fixed
 * schedule: request {@code n} gets the fault of slot {@code n % schedule.size()}. Faults are bursts
 * of 500s, 429 storms with {@code Retry-After: 1}, connection resets (RST, no answer) and hangs
 * (nothing is answered for {@link #HANG_MILLIS}, longer than the client's timeouts). Successes are
 * small PNGs that differ per request. A raw socket server (one virtual thread per connection,
 * {@code Connection: close}), since a reset needs {@code SO_LINGER 0} on the accepted socket.
 */
final class FaultyOpenAi implements AutoCloseable {

    enum Fault { NONE, SERVER_ERROR, RATE_LIMITED, RESET, HANG }

    static final long HANG_MILLIS = 10_000;

    private final ServerSocket server;
    private final List<Fault> schedule;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Fault, AtomicInteger> served = new EnumMap<>(Fault.class);
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    FaultyOpenAi(List<Fault> schedule) {
        this.schedule = List.copyOf(schedule);
        for (Fault f : Fault.values()) {
            served.put(f, new AtomicInteger());
        }
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("faulty-openai-accept").start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    /** How many requests got this fault (NONE = successes). */
    int served(Fault fault) {
        return served.get(fault).get();
    }

    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> handle(socket));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("faulty openai: accept failed: " + e);
                }
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            in.readNBytes(length);
            if (!head.startsWith("POST /v1/images/generations ")) {
                answer(socket, 404, "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}", null);
                return;
            }
            int n = requests.getAndIncrement();
            Fault fault = schedule.get(n % schedule.size());
            served.get(fault).incrementAndGet();
            switch (fault) {
                case NONE -> answer(socket, 200, "{\"created\":1700000000,\"data\":[{\"b64_json\":\"" + png(n) + "\"}]}", null);
                case SERVER_ERROR -> answer(socket, 500,
                        "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                        null);
                case RATE_LIMITED -> answer(socket, 429,
                        "{\"error\":{\"message\":\"Rate limit reached for images per minute.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                        "1");
                case RESET -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                case HANG -> Thread.sleep(HANG_MILLIS);
            }
        } catch (IOException e) {
            // The client gave up (a timeout after a hang): nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void answer(Socket socket, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Error").append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        if (retryAfter != null) {
            head.append("Retry-After: ").append(retryAfter).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** A 64×64 PNG whose pixels encode the request number: every success is a different image. */
    private static String png(int n) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int bit = 0; bit < 31; bit++) {
            image.setRGB(bit, 0, ((n >>> bit) & 1) == 1 ? 0xFFFFFF : 0x000000);
        }
        image.setRGB(32, 32, 0x3366CC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        connections.shutdownNow();
    }
}
