package io.atelier.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-sticky load balancer for tests, on loopback: every request goes to the next upstream in
 * turn (no affinity by session, cookie or connection), and responses stream through unbuffered,
 * so server-sent events arrive as they are written. Upstreams can be swapped (an instance restarted
 * on a new port).
 */
final class RoundRobinProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Integer> upstreams = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    /** Which upstream port served each request, in order. */
    final List<Integer> served = new CopyOnWriteArrayList<>();

    RoundRobinProxy(List<Integer> ports) throws IOException {
        upstreams.addAll(ports);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void replace(int oldPort, int newPort) {
        upstreams.replaceAll(p -> p == oldPort ? newPort : p);
    }

    private void forward(HttpExchange exchange) throws IOException {
        int port = upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
        served.add(port);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + exchange.getRequestURI().toString())).method(exchange.getRequestMethod(),
                    body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            try (InputStream in = response.body()) {
                java.util.OptionalLong length = response.headers().firstValueAsLong("content-length");
                // No length: stream it chunked (server-sent events); a zero length: no body at all.
                exchange.sendResponseHeaders(response.statusCode(),
                        length.isEmpty() ? 0 : length.getAsLong() == 0 ? -1 : length.getAsLong());
                OutputStream out = exchange.getResponseBody();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException clientOrUpstreamGone) {
            // one side closed the stream: nothing to forward any more
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
