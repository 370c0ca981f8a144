package io.atelier.core.provider.comfyui;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/**
 * The requests of ComfyUI's HTTP API: under {@code base-url}, with the read timeout and, when an
 * {@code api-key} is set (an authenticating proxy), {@code Authorization: Bearer}.
 */
final class ComfyUiRequests {

    private final ComfyUiProperties properties;

    ComfyUiRequests(ComfyUiProperties properties) {
        this.properties = properties;
    }

    /** {@code GET /view?filename&subfolder&type} of one output image reference from the history. */
    HttpRequest view(JsonNode ref) {
        return get("/view?filename=" + encode(ref.path("filename").asString("")) + "&subfolder="
                + encode(ref.path("subfolder").asString("")) + "&type=" + encode(ref.path("type").asString("output")));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpRequest post(String path, byte[] body) {
        return builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .timeout(properties.readTimeout())
                .header("User-Agent", "Atelier");
        if (properties.apiKey() != null) {
            builder.header("Authorization", "Bearer " + properties.apiKey());
        }
        return builder;
    }
}
