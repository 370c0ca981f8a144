package io.atelier.core.provider.comfyui;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.comfyui.internal.PromptRequest;
import io.atelier.core.provider.comfyui.internal.PromptResponse;
import io.atelier.core.provider.http.ImageBytes;
import io.atelier.core.provider.http.MultipartForm;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.HttpImageProvider;
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
final class ComfyUiImageProvider extends HttpImageProvider {

    static final String ID = "comfyui";
    private static final Logger log = LoggerFactory.getLogger(ComfyUiImageProvider.class);

    private final ComfyUiProperties properties;
    private final WorkflowTemplate workflow;
    private final WorkflowTemplate editWorkflow;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ComfyUiRequests requests;
    private final ComfyUiPromptWatch watch;

    /**
     * @param workflow     the text-to-image workflow
     * @param editWorkflow the img2img workflow for requests with an image, or null (then models take no images)
     */
    ComfyUiImageProvider(ComfyUiProperties properties, WorkflowTemplate workflow, WorkflowTemplate editWorkflow) {
        this(properties, workflow, editWorkflow, Clock.systemUTC());
    }

    ComfyUiImageProvider(ComfyUiProperties properties, WorkflowTemplate workflow, WorkflowTemplate editWorkflow, Clock clock) {
        super(ID, new ProviderHttpClient("ComfyUI", properties.connection(), clock),
                servedModels(properties, editWorkflow != null));
        this.properties = properties;
        this.requests = new ComfyUiRequests(properties);
        this.watch = new ComfyUiPromptWatch(properties, http, requests);
        this.workflow = workflow;
        this.editWorkflow = editWorkflow;
    }

    private static ServedModels servedModels(ComfyUiProperties properties, boolean edits) {
        ModelCapabilities capabilities = new ModelCapabilities(List.of(), true, properties.maxPixelSide(),
                properties.maxCount(), edits, false, true, true, false)
                .withImageInputs(0, edits);
        return ServedModels.checkpoints(ID, properties.models(), ComfyUiProperties.DEFAULT_MODEL,
                new ServedModels.Labels("ComfyUI workflow", "The configured ComfyUI workflow with its own checkpoint"),
                name -> "Checkpoint " + name + " in the configured ComfyUI workflow",
                capabilities, properties.promptLimit(), properties.creditCost());
    }

    /** One GPU renders one prompt at a time; more in flight would only queue inside the backend. */
    @Override
    public OptionalInt defaultInFlightLimit() {
        return OptionalInt.of(1);
    }

    @Override
    protected ProviderResult generate(ProviderRequest request, ModelDescriptor model, ProviderContext context)
            throws ProviderException {
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
        WebSocket socket = watch.connect(clientId, events);
        try {
            context.progress(ProviderContext.Progress.percent(0, "queued in ComfyUI"));
            HttpResponse<byte[]> answer = http.send(requests.post("/prompt", body), context);
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
                history = watch.await(promptId, events, context);
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

    /** What the configured workflows cannot do fails before the call as unsupported (an edit-workflow would change that); limits as bad requests. */
    @Override
    protected void check(ProviderRequest request, ModelDescriptor model) throws ProviderException {
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
            byte[] bytes = http.send(requests.view(ref), context).body();
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
        String key = request.idempotencyKey() == null ? UUID.randomUUID().toString() : request.idempotencyKey();
        String filename = "atelier-" + key.replaceAll("[^A-Za-z0-9_-]", "")
                + MultipartForm.extension(request.initImage().mimeType());
        MultipartForm form = new MultipartForm()
                .file("image", filename, request.initImage().mimeType(), request.initImage().bytes())
                .field("type", "input")
                .field("overwrite", "true");
        HttpRequest upload = requests.builder("/upload/image").header("Content-Type", form.contentType())
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
                requests.post("/queue", ("{\"delete\":[" + id + "]}").getBytes(StandardCharsets.UTF_8)),
                requests.post("/interrupt", ("{\"prompt_id\":" + id + "}").getBytes(StandardCharsets.UTF_8)))) {
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

}
