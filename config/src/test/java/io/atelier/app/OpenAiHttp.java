package io.atelier.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP as an OpenAI client sends it: {@code Authorization: Bearer KEY}, JSON or multipart bodies. */
final class OpenAiHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String key;

    OpenAiHttp(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    ApiClient.Response postJson(String path, String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    ApiClient.Response postJson(String path, String json, Map<String, String> headers) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    ApiClient.Response postMultipart(String path, MultipartBody body) {
        return send("POST", path, body.contentType(), body.bytes(), Map.of());
    }

    ApiClient.Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    ApiClient.Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiClient.Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new RuntimeException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
