package io.atelier.core.provider.http;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The human message of an error body whose backend has no error format of its own in this code:
 * FastAPI's {@code {detail: "…" | [{loc, msg}]}}, AUTOMATIC1111's {@code {error, detail, errors}},
 * ComfyUI's {@code {error: {message, details}}}, or plain text (not an HTML page).
 */
final class ErrorBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FIELDS = {"error", "message", "detail", "errors"};

    private ErrorBodies() {
    }

    /** The message, unshortened; null when the body says nothing readable. */
    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            String found = firstText(JSON.readTree(body));
            if (found != null) {
                return found;
            }
        } catch (JacksonException e) {
            // plain text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() || text.startsWith("<") ? null : text;
    }

    private static String firstText(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String field : FIELDS) {
            String text = text(root.get(field));
            if (text != null && !text.isBlank() && out.indexOf(text) < 0) {
                if (!out.isEmpty()) {
                    out.append(": ");
                }
                out.append(text);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isObject()) {
            String message = text(node.get("message"));
            String details = text(node.get("details"));
            if (message != null && details != null && !details.isBlank()) {
                return message + " (" + details + ")";
            }
            return message != null ? message : text(node.get("msg"));
        }
        if (node.isArray() && !node.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode item : node) {
                String part = text(item);
                if (part != null) {
                    JsonNode loc = item.get("loc");
                    if (loc != null && loc.isArray()) {
                        part = loc.toString() + " " + part;
                    }
                    out.append(out.isEmpty() ? "" : "; ").append(part);
                }
            }
            return out.isEmpty() ? null : out.toString();
        }
        return node.toString();
    }
}
