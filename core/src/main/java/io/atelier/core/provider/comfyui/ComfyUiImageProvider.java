package io.atelier.core.provider.comfyui;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.comfyui.internal.PromptRequest;
import io.atelier.core.provider.comfyui.internal.PromptResponse;
import io.atelier.core.provider.http.ImageBytes;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.ServedModels;

/**
 * The {@code comfyui} provider: a configurable ComfyUI workflow (API format) with the request written
 * into named nodes ({@link WorkflowTemplate}).
 *
 * <p>One call: open {@code /ws?clientId=…} (before queueing, so no message is missed), {@code POST /prompt
 * {prompt, client_id}}, follow the websocket's {@code progress {value,max}}, {@code executing},
 * {@code execution_success}, {@code execution_error} and {@code execution_interrupted} messages for our
 * {@code prompt_id}, and, as a safety net for a lost websocket, poll {@code GET /history/{prompt_id}}
 * every {@code poll-interval}. The images are the history's outputs of type {@code output}, fetched with
 * {@code GET /view?filename&subfolder&type}.
 *
 * <p>Cancellation (context canceled or its deadline passed): {@code POST /queue {delete:[id]}} removes the
 * prompt if it is still waiting, {@code POST /interrupt {prompt_id}} stops it if it runs.
 *
 * <p>Init images: with an {@code edit-workflow} (img2img), a request with an image uploads it
 * ({@code POST /upload/image}) and runs that workflow with the upload in its LoadImage node and the
 * request's strength as the sampler's {@code denoise}. Without one, models do not take images (the
 * catalog says so and submit refuses them with a 4xx) and a request with one fails with
 * {@code PROVIDER_UNSUPPORTED}. Masks and reference images are not supported.
 *
 * <p>Live previews: the binary websocket frames ComfyUI sends while sampling ({@code PREVIEW_IMAGE}:
 * event type 1, image type 1 JPEG or 2 PNG, then the image; or type 4 with a JSON metadata block
 * first) go to the context as previews, the newest one per wait slice.
 *
 * <p>Retries: none here (the resilience layer retries; ComfyUI is self-hosted and bills nothing).
 * Thread-safe: one instance serves all workers, each call has its own websocket.
 */
final class ComfyUiImageProvider implements ImageProvider, AutoCloseable {

    static final String ID = "comfyui";
    private static final Logger log = LoggerFactory.getLogger(ComfyUiImageProvider.class);
    private static final long SLICE_MILLIS = 50;
    /** Consecutive failed {@code /history} polls after which the call fails (retriably). */
    private static final int MAX_POLL_FAILURES = 5;

    private final ComfyUiProperties properties;
    private final WorkflowTemplate workflow;
    private final WorkflowTemplate editWorkflow;
    private final ProviderHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ServedModels models;

    /**
     * @param workflow     the text-to-image workflow
     * @param editWorkflow the img2img workflow for requests with an image, or null (then models take no images)
     */
    ComfyUiImageProvider(ComfyUiProperties properties, WorkflowTemplate workflow, WorkflowTemplate editWorkflow) {
        this(properties, workflow, editWorkflow, Clock.systemUTC());
    }

    ComfyUiImageProvider(ComfyUiProperties properties, WorkflowTemplate workflow, WorkflowTemplate editWorkflow, Clock clock) {
        this.properties = properties;
        this.workflow = workflow;
        this.editWorkflow = editWorkflow;
        this.http = new ProviderHttpClient("ComfyUI", properties.connection(), clock);
        ModelCapabilities capabilities = new ModelCapabilities(List.of(), true, properties.maxPixelSide(),
                properties.maxCount(), editWorkflow != null, false, true, true, false)
                .withImageInputs(0, editWorkflow != null);
        this.models = new ServedModels(ID, properties.models(), name -> {
            boolean workflowDefault = ComfyUiProperties.DEFAULT_MODEL.equals(name);
            return new ModelDescriptor(ID + "/" + name, ID, name,
                    workflowDefault ? "ComfyUI workflow" : name,
                    workflowDefault ? "The configured ComfyUI workflow with its own checkpoint"
                            : "Checkpoint " + name + " in the configured ComfyUI workflow",
                    capabilities, properties.promptLimit(), properties.creditCost());
        });
    }

    /** One GPU renders one prompt at a time; more in flight would only queue inside the backend. */
    @Override
    public OptionalInt defaultInFlightLimit() {
        return OptionalInt.of(1);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ModelDescriptor> models() {
        return models.list();
    }

    @Override
    public ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
        context.throwIfCancelled();
        ModelDescriptor model = models.of(request);
        validate(request, model);
        String clientId = UUID.randomUUID().toString();
        String checkpoint = ComfyUiProperties.DEFAULT_MODEL.equals(request.modelName()) ? null : request.modelName();
        WorkflowTemplate template = request.initImage() == null ? workflow : editWorkflow;
        byte[] body;
        if (request.initImage() == null) {
            body = json.writeValueAsBytes(new PromptRequest(workflow.render(request, checkpoint), clientId));
        } else {
            String uploaded = upload(request, context);
            double denoise = denoise(request);
            body = json.writeValueAsBytes(new PromptRequest(editWorkflow.render(request, checkpoint, uploaded, denoise), clientId));
        }

        ComfyUiEvents events = new ComfyUiEvents();
        WebSocket socket = connect(clientId, events);
        try {
            context.progress(ProviderContext.Progress.percent(0, "queued in ComfyUI"));
            HttpResponse<byte[]> answer = http.send(post("/prompt", body), context);
            PromptResponse queued;
            try {
                queued = json.readValue(answer.body(), PromptResponse.class);
            } catch (JacksonException e) {
                throw ProviderException.NonRetriable.badResponse("ComfyUI's answer to POST /prompt is not its JSON", e);
            }
            if (queued.promptId() == null || queued.promptId().isBlank()) {
                throw ProviderException.NonRetriable.badResponse("ComfyUI queued the prompt without a prompt_id", null);
            }
            String promptId = queued.promptId();
            JsonNode history;
            try {
                history = await(promptId, events, context);
            } catch (ProviderException.Canceled | ProviderException.Retriable stopped) {
                // Canceled, past the deadline, or ComfyUI stopped answering: do not leave the prompt
                // running for nobody (a retry queues a new one).
                cancel(promptId);
                throw stopped;
            }
            return new ProviderResult(images(history, template, request, context), promptId);
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static void validate(ProviderRequest request, ModelDescriptor model) throws ProviderException {
        ModelCapabilities caps = model.capabilities();
        if (request.isUpscale()) {
            throw ProviderException.NonRetriable.unsupported(model.id() + " has no upscaler");
        }
        if (!request.referenceImages().isEmpty()) {
            throw ProviderException.NonRetriable.unsupported(model.id() + " takes no reference images");
        }
        if (request.initImage() != null && !caps.edits()) {
            throw ProviderException.NonRetriable.unsupported(model.id() + " runs a text-to-image workflow and cannot edit"
                    + " images or take reference images (set atelier.providers.comfyui.edit-workflow)");
        }
        if (request.mask() != null) {
            throw ProviderException.NonRetriable.unsupported(model.id() + " does not take masks");
        }
        if (request.prompt().length() > model.promptLimit()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " takes prompts of at most " + model.promptLimit() + " characters");
        }
        if (request.count() > caps.maxCount()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " makes at most " + caps.maxCount() + " image(s) per request");
        }
        if (!caps.supports(request.size())) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " cannot make " + request.size() + " images");
        }
        if ("transparent".equalsIgnoreCase(request.background())) {
            throw ProviderException.NonRetriable.unsupported(model.id() + " cannot make transparent backgrounds");
        }
    }

    /** Opens {@code /ws?clientId=…}; null when it cannot (history polling still finds the result). */
    private WebSocket connect(String clientId, ComfyUiEvents events) {
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
    private JsonNode await(String promptId, ComfyUiEvents events, ProviderContext context) throws ProviderException {
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
        HttpResponse<byte[]> response = http.send(get("/history/" + URLEncoder.encode(promptId, StandardCharsets.UTF_8)), context);
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

    private List<ProviderResult.GeneratedImage> images(JsonNode history, WorkflowTemplate template, ProviderRequest request,
                                                       ProviderContext context) throws ProviderException {
        List<JsonNode> refs = new ArrayList<>();
        JsonNode outputs = history.path("outputs");
        for (String nodeId : outputs.propertyNames()) {
            if (template.outputNode() != null && !template.outputNode().equals(nodeId)) {
                continue;
            }
            for (JsonNode image : outputs.get(nodeId).path("images")) {
                if ("output".equals(image.path("type").asString(""))) {
                    refs.add(image);
                }
            }
        }
        if (refs.isEmpty()) {
            throw ProviderException.NonRetriable.badResponse("the ComfyUI workflow finished without output images"
                    + " (does it end in a SaveImage node?)", null);
        }
        List<ProviderResult.GeneratedImage> images = new ArrayList<>();
        for (JsonNode ref : refs.subList(0, Math.min(request.count(), refs.size()))) {
            context.throwIfCancelled();
            String query = "filename=" + encode(ref.path("filename").asString("")) + "&subfolder="
                    + encode(ref.path("subfolder").asString("")) + "&type=" + encode(ref.path("type").asString("output"));
            byte[] bytes = http.send(get("/view?" + query), context).body();
            ImageBytes.Info info = ImageBytes.inspect(bytes).orElseThrow(() -> ProviderException.NonRetriable.badResponse(
                    "ComfyUI's /view answered something that is not a PNG, JPEG or WebP image", null));
            images.add(new ProviderResult.GeneratedImage(bytes, info.mimeType(),
                    info.hasSize() ? info.width() : request.size().width(),
                    info.hasSize() ? info.height() : request.size().height(), null));
        }
        return images;
    }

    /**
     * Uploads the image to edit ({@code POST /upload/image}, multipart {@code image}, {@code type=input},
     * {@code overwrite=true}) and returns the name the LoadImage node takes ({@code subfolder/name}).
     * The file name is derived from the generation, so a retried attempt overwrites its own upload.
     */
    private String upload(ProviderRequest request, ProviderContext context) throws ProviderException {
        String boundary = "atelier-" + UUID.randomUUID().toString().replace("-", "");
        String extension = switch (request.initImage().mimeType().toLowerCase(Locale.ROOT)) {
            case "image/jpeg", "image/jpg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
        String key = request.idempotencyKey() == null ? UUID.randomUUID().toString() : request.idempotencyKey();
        String filename = "atelier-" + key.replaceAll("[^A-Za-z0-9_-]", "") + extension;
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + request.initImage().mimeType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(request.initImage().bytes());
        form.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ninput\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"overwrite\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest upload = builder("/upload/image").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build();
        HttpResponse<byte[]> response = http.send(upload, context);
        try {
            JsonNode uploaded = json.readTree(response.body());
            String name = uploaded.path("name").asString("");
            if (name.isEmpty()) {
                throw ProviderException.NonRetriable.badResponse("ComfyUI's /upload/image answered no name", null);
            }
            String subfolder = uploaded.path("subfolder").asString("");
            return subfolder.isEmpty() ? name : subfolder + "/" + name;
        } catch (JacksonException e) {
            throw ProviderException.NonRetriable.badResponse("ComfyUI's /upload/image answer is not JSON", e);
        }
    }

    private double denoise(ProviderRequest request) throws ProviderException {
        if (request.strength() != null) {
            return request.strength();
        }
        String value = request.options().get("denoisingStrength");
        if (value == null || value.isBlank()) {
            value = request.options().get("denoising_strength");
        }
        if (value == null || value.isBlank()) {
            return properties.denoisingStrength();
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProviderException.NonRetriable.badRequest("denoisingStrength must be a number from 0 to 1: " + value);
    }

    /** Best effort: drop the prompt from the queue, and stop it if it runs. */
    private void cancel(String promptId) {
        String id = json.writeValueAsString(promptId);
        for (HttpRequest request : List.of(
                post("/queue", ("{\"delete\":[" + id + "]}").getBytes(StandardCharsets.UTF_8)),
                post("/interrupt", ("{\"prompt_id\":" + id + "}").getBytes(StandardCharsets.UTF_8)))) {
            try {
                http.client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                http.client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                log.debug("ComfyUI cancel request failed: {}", e.toString());
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest post(String path, byte[] body) {
        return builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .timeout(properties.readTimeout())
                .header("User-Agent", "Atelier");
        if (properties.apiKey() != null) {
            builder.header("Authorization", "Bearer " + properties.apiKey());
        }
        return builder;
    }
}
