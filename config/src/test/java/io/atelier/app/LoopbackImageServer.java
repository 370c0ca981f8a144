package io.atelier.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake image host on 127.0.0.1 for reference-image URLs: {@code /image.png} (a real PNG),
 * {@code /page.html} (HTML), {@code /liar.png} (text served as image/png), {@code /missing.png} (404),
 * {@code /to-private.png} (a redirect to a private address, which the fetcher must refuse without
 * connecting), {@code /to-image.png} (a redirect to {@code /image.png}).
 */
final class LoopbackImageServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    LoopbackImageServer(byte[] png) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            int status = 200;
            switch (path) {
                case "/image.png" -> {
                    body = png;
                    type = "image/png";
                }
                case "/page.html" -> {
                    body = "<html>hi</html>".getBytes();
                    type = "text/html";
                }
                case "/liar.png" -> {
                    body = "definitely not a png".getBytes();
                    type = "image/png";
                }
                case "/to-private.png" -> {
                    exchange.getResponseHeaders().add("Location", "http://10.0.0.1/secret.png");
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                    return;
                }
                case "/to-image.png" -> {
                    exchange.getResponseHeaders().add("Location", "/image.png");
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                    return;
                }
                default -> {
                    body = "not found".getBytes();
                    type = "text/plain";
                    status = 404;
                }
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
