package io.atelier.core.provider.comfyui;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.http.ProviderHttpClient;

/**
 * Follows one queued ComfyUI prompt to its end: the websocket ({@code /ws?clientId=…}) for progress,
 * live previews and a quick end, and {@code GET /history/{prompt_id}} polls every {@code poll-interval}
 * as the authority on the outcome (and the safety net for a lost websocket). Thread-safe; each call
 * has its own websocket and {@link ComfyUiEvents}.
 */
final class ComfyUiPromptWatch {

    private static final Logger log = LoggerFactory.getLogger(ComfyUiPromptWatch.class);
    private static final long SLICE_MILLIS = 50;
    /** Consecutive failed {@code /history} polls after which the call fails (retriably). */
    private static final int MAX_POLL_FAILURES = 5;

    private final ComfyUiProperties properties;
    private final ProviderHttpClient http;
    private final ComfyUiRequests requests;
    private final JsonMapper json = JsonMapper.builder().build();

    ComfyUiPromptWatch(ComfyUiProperties properties, ProviderHttpClient http, ComfyUiRequests requests) {
        this.properties = properties;
        this.http = http;
        this.requests = requests;
    }

    /** Opens {@code /ws?clientId=…}; null when it cannot (history polling still finds the result). */
    WebSocket connect(String clientId, ComfyUiEvents events) {
        URI base = URI.create(properties.baseUrl());
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        URI uri = URI.create(scheme + properties.baseUrl().substring(base.getScheme().length()) + "/ws?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
        WebSocket.Builder builder = http.client().newWebSocketBuilder().connectTimeout(properties.connectTimeout());
        if (properties.apiKey() != null) {
            builder.header("Authorization", "Bearer " + properties.apiKey());
        }
        CompletableFuture<WebSocket> future = builder.buildAsync(uri, events);
        try {
            return future.get(properties.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            future.cancel(true);
            log.info("ComfyUI websocket unavailable ({}); following the prompt through /history only", e.toString());
            return null;
        }
    }

    /**
     * Waits for the prompt to finish: websocket messages for progress and a fast end, {@code /history}
     * polls as the authority on the outcome. Returns the prompt's history entry.
     */
    JsonNode await(String promptId, ComfyUiEvents events, ProviderContext context) throws ProviderException {
        // The first poll waits an interval: a prompt is rarely done at once, and the websocket is quicker.
        long nextPoll = System.nanoTime() + properties.pollInterval().toNanos();
        boolean finished = false;
        int pollFailures = 0;
        try {
            while (true) {
                if (context.isCancelled()) {
                    throw new ProviderException.Canceled();
                }
                String message = events.messages.poll(SLICE_MILLIS, TimeUnit.MILLISECONDS);
                if (message != null) {
                    finished |= interpret(message, promptId, context);
                }
                ProviderContext.Preview preview = events.preview.getAndSet(null);
                if (preview != null) {
                    context.preview(preview);
                }
                if (finished || System.nanoTime() >= nextPoll) {
                    nextPoll = System.nanoTime() + properties.pollInterval().toNanos();
                    JsonNode entry;
                    try {
                        entry = history(promptId, context);
                        pollFailures = 0;
                    } catch (ProviderException.Retriable e) {
                        // A hiccup while the prompt runs is not a failed generation; several in a row are.
                        if (++pollFailures >= MAX_POLL_FAILURES) {
                            throw e;
                        }
                        log.debug("ComfyUI /history poll failed ({}); trying again", e.getMessage());
                        continue;
                    }
                    if (entry != null && isDone(entry)) {
                        // Report what the websocket said before the history did (progress arrives in order).
                        for (String rest = events.messages.poll(); rest != null; rest = events.messages.poll()) {
                            try {
                                interpret(rest, promptId, context);
                            } catch (ProviderException e) {
                                // the history is the authority on the outcome
                            }
                        }
                        return entry;
                    }
                    if (finished && entry == null) {
                        // Finished per the websocket but not yet in the history: look again next slice.
                        finished = false;
                        nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Canceled();
        }
    }

    /** Acts on one websocket message; true when it says our prompt has ended. */
    private boolean interpret(String text, String promptId, ProviderContext context) throws ProviderException {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            return false;
        }
        String type = message.path("type").asString("");
        JsonNode data = message.path("data");
        JsonNode id = data.get("prompt_id");
        if (id != null && id.isString() && !id.stringValue().equals(promptId)) {
            return false;
        }
        switch (type) {
            case "progress" -> {
                int value = data.path("value").asInt(0);
                int max = data.path("max").asInt(0);
                if (max > 0) {
                    context.progress(new ProviderContext.Progress(Math.min(99, value * 100 / max), value, max, null,
                            "step " + value + "/" + max));
                }
            }
            case "execution_start" -> context.progress(ProviderContext.Progress.percent(0, "running in ComfyUI"));
            case "executing" -> {
                return id != null && data.path("node").isNull();
            }
            case "execution_success" -> {
                return true;
            }
            case "execution_error" -> throw executionError(data);
            case "execution_interrupted" -> throw ProviderException.NonRetriable.executionFailed(
                    "ComfyUI interrupted the prompt at node " + data.path("node_id").asString("?")
                            + " (" + data.path("node_type").asString("?") + ")");
            default -> {
                // status, execution_cached, executed …: nothing to do
            }
        }
        return false;
    }

    private static ProviderException executionError(JsonNode data) {
        String exceptionType = data.path("exception_type").asString("error");
        String text = "ComfyUI failed at node " + data.path("node_id").asString("?") + " ("
                + data.path("node_type").asString("?") + "): " + exceptionType + ": " + data.path("exception_message").asString("").strip();
        if (exceptionType.toLowerCase(Locale.ROOT).contains("outofmemory")) {
            return new ProviderException.Retriable("PROVIDER_UNAVAILABLE", text, null, null, true);
        }
        return ProviderException.NonRetriable.executionFailed(text);
    }

    /** The prompt's entry of {@code GET /history/{id}}, or null while it has none. */
    private JsonNode history(String promptId, ProviderContext context) throws ProviderException {
        HttpResponse<byte[]> response = http.send(requests.get("/history/" + ComfyUiRequests.encode(promptId)), context);
        try {
            JsonNode root = json.readTree(response.body());
            JsonNode entry = root.get(promptId);
            return entry == null || entry.isNull() ? null : entry;
        } catch (JacksonException e) {
            throw ProviderException.NonRetriable.badResponse("ComfyUI's /history answer is not JSON", e);
        }
    }

    /** Whether a history entry is final; throws when it says the prompt failed. */
    private boolean isDone(JsonNode entry) throws ProviderException {
        JsonNode status = entry.path("status");
        String statusText = status.path("status_str").asString("");
        if ("error".equals(statusText)) {
            for (JsonNode m : status.path("messages")) {
                if (m.isArray() && m.size() == 2 && "execution_error".equals(m.get(0).asString(""))) {
                    throw executionError(m.get(1));
                }
                if (m.isArray() && m.size() == 2 && "execution_interrupted".equals(m.get(0).asString(""))) {
                    throw ProviderException.NonRetriable.executionFailed("ComfyUI interrupted the prompt");
                }
            }
            throw ProviderException.NonRetriable.executionFailed("ComfyUI reports the prompt failed");
        }
        return status.path("completed").asBoolean(false) || "success".equals(statusText);
    }
}
