package io.atelier.core.provider.openai;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.RetryAfter;

/**
 * Turns what an OpenAI-compatible backend answered into the provider error hierarchy, keeping the
 * backend's own words. Error bodies are read leniently: OpenAI's {@code {error:{message,type,param,code}}},
 * plus the {@code {error:"…"}}, {@code {message:"…"}} and {@code {detail:"…"}} shapes of compatible
 * servers, plus plain text. Messages never contain the API key, even when a backend echoes it.
 *
 * <p>Immutable and thread-safe.
 */
final class OpenAiErrors {

    static final String MODEL_NOT_FOUND = "PROVIDER_MODEL_NOT_FOUND";
    static final String QUOTA_EXCEEDED = "PROVIDER_QUOTA_EXCEEDED";
    static final String BAD_RESPONSE = "PROVIDER_BAD_RESPONSE";

    private static final int MAX_MESSAGE = 500;

    private final JsonMapper json;
    private final Clock clock;
    private final String apiKey;

    OpenAiErrors(JsonMapper json, Clock clock, String apiKey) {
        this.json = json;
        this.clock = clock;
        this.apiKey = apiKey;
    }

    /**
     * The backend's error, parsed from a body.
     *
     * @param message human text, or null
     * @param type    OpenAI's {@code type}, or null
     * @param code    OpenAI's {@code code}, or null
     */
    record UpstreamError(String message, String type, String code) {

        boolean mentions(String... words) {
            String both = ((type == null ? "" : type) + " " + (code == null ? "" : code)).toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (both.contains(word)) {
                    return true;
                }
            }
            return false;
        }

        boolean isEmpty() {
            return message == null && type == null && code == null;
        }
    }

    /** The failure for a non-2xx answer. */
    ProviderException fromStatus(int status, HttpHeaders headers, byte[] body, String requestId) {
        UpstreamError error = parse(body);
        String text = describe("the image backend answered HTTP " + status, error, requestId);
        if (isQuota(error)) {
            return new ProviderException.NonRetriable(QUOTA_EXCEEDED, text, null);
        }
        if (status == 401 || status == 403) {
            return ProviderException.NonRetriable.authentication(text);
        }
        if (status == 404) {
            return new ProviderException.NonRetriable(MODEL_NOT_FOUND,
                    text + " (check atelier.providers.openai.base-url and the model name)", null);
        }
        if (status == 429) {
            return ProviderException.Retriable.rateLimited(text, retryAfter(headers).orElse(null));
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new ProviderException.Retriable("PROVIDER_UNAVAILABLE", text, retryAfter(headers).orElse(null), null);
        }
        if (status >= 400) {
            return clientError(error, text);
        }
        return new ProviderException.NonRetriable(BAD_RESPONSE, text, null);
    }

    /**
     * The failure for a 2xx answer without images: some servers report refusals (content policy)
     * that way.
     */
    ProviderException fromEmptyAnswer(byte[] body, String requestId) {
        UpstreamError error = parse(body);
        if (error.isEmpty()) {
            return new ProviderException.NonRetriable(BAD_RESPONSE,
                    describe("the image backend answered without images", error, requestId), null);
        }
        String text = describe("the image backend answered without images", error, requestId);
        return isQuota(error) ? new ProviderException.NonRetriable(QUOTA_EXCEEDED, text, null) : clientError(error, text);
    }

    /** The failure for a request that got no answer (the kit's mapping, naming "the image backend"). */
    ProviderException fromTransport(Throwable failure) {
        return ProviderHttpClient.transportFailure("the image backend", failure);
    }

    /**
     * How long the backend asks us to wait: {@code retry-after-ms} (OpenAI's), else {@code Retry-After}
     * as seconds or an HTTP date; empty when absent or unreadable.
     */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        return RetryAfter.of(headers, clock);
    }

    /** Removes the API key from any text that may reach a user or a log. */
    String redact(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "****");
    }

    UpstreamError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new UpstreamError(null, null, null);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            String text = new String(body, 0, Math.min(body.length, 4 * MAX_MESSAGE), StandardCharsets.UTF_8).strip();
            // HTML error pages of proxies say nothing the status does not.
            return new UpstreamError(text.isEmpty() || text.startsWith("<") ? null : text, null, null);
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return new UpstreamError(text(error.get("message")), text(error.get("type")), text(error.get("code")));
        }
        if (error != null && error.isString()) {
            return new UpstreamError(error.asString(), null, null);
        }
        String message = text(root.get("message"));
        return new UpstreamError(message != null ? message : text(root.get("detail")), text(root.get("type")),
                text(root.get("code")));
    }

    private ProviderException clientError(UpstreamError error, String text) {
        if (error.mentions("content_policy", "moderation", "safety")) {
            return ProviderException.NonRetriable.contentPolicy(text);
        }
        return ProviderException.NonRetriable.badRequest(text);
    }

    private static boolean isQuota(UpstreamError error) {
        return error.mentions("insufficient_quota", "billing_hard_limit");
    }

    private String describe(String what, UpstreamError error, String requestId) {
        StringBuilder text = new StringBuilder(what);
        if (error.code() != null) {
            text.append(" (").append(error.code()).append(')');
        }
        if (error.message() != null) {
            // Redacted before it is cut, so no part of a key survives the cut.
            String message = redact(error.message()).replaceAll("\\s+", " ").strip();
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "…";
            }
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" [request ").append(requestId).append(']');
        }
        return redact(text.toString());
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        String value = node.asString();
        return value == null || value.isBlank() ? null : value;
    }
}
