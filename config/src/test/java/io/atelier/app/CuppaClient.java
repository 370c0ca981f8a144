package io.atelier.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A Cuppa client as the document describes it: the key in {@code X-API-KEY} (spelled as Cuppa
 * spells it), JSON bodies, and any method (PUT for the brand kit, raw bodies for bad input).
 */
final class CuppaClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String apiKey;

    CuppaClient(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    CuppaClient withKey(String key) {
        return new CuppaClient(base, key);
    }

    ApiClient.Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    ApiClient.Response delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    ApiClient.Response post(String path, Object body) {
        return send("POST", path, "application/json", json(body), Map.of());
    }

    ApiClient.Response put(String path, Object body) {
        return send("PUT", path, "application/json", json(body), Map.of());
    }

    private static String json(Object body) {
        return body instanceof String s ? s : ApiClient.JSON.writeValueAsString(body);
    }

    /** Any request: method, path, content type (null = none), body (null = none), extra headers. */
    ApiClient.Response send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("X-API-KEY", apiKey);
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

    /** Polls a bulk request until the predicate holds (bounded: fails after {@code timeout}). */
    JsonNode pollBulk(String requestId, Predicate<JsonNode> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Response r = get("/v1/images/bulk/" + requestId);
            if (r.status() != 200) {
                throw new AssertionError("GET bulk " + requestId + " answered " + r.status() + " " + new String(r.bytes()));
            }
            last = r.json();
            if (until.test(last)) {
                return last;
            }
            AppTestSupport.sleep(100);
        }
        throw new AssertionError("bulk " + requestId + " did not reach the expected state in " + timeout + "; last: " + last);
    }
}
