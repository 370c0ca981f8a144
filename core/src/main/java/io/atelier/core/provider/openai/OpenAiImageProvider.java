package io.atelier.core.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.BodyWatchdog;
import io.atelier.core.provider.http.CancellableWait;
import io.atelier.core.provider.http.FetchedImages;
import io.atelier.core.provider.http.ImageBytes;
import io.atelier.core.provider.http.LimitedInputStream;
import io.atelier.core.provider.http.MultipartForm;
import io.atelier.core.provider.openai.internal.ImageGenerationRequest;

/**
 * The {@code openai} provider: the OpenAI Images API ({@code POST /images/generations}, and
 * {@code POST /images/edits} as multipart when there is an image to start from) on any compatible
 * backend, by direct HTTP so that every failure keeps its status, code and message.
 *
 * <p>Image inputs: the init image goes to {@code /images/edits} as {@code image}. GPT Image models
 * take several input images: then the init image and the reference images go as repeated
 * {@code image[]} parts, init image first (so a mask applies to it), and reference images alone (no
 * init image) also go through {@code /images/edits}. DALL·E 2 edits one image and takes no references.
 * No model of this API takes a strength: the edit follows the prompt.
 *
 * <p>Retries: each backend call runs under the {@link RetryPolicy} of the properties; only
 * {@link ProviderException.Retriable} failures (timeouts, 429 except {@code insufficient_quota},
 * 408/409/5xx, connection failures) are tried again, honouring {@code Retry-After}. Images returned
 * as URLs are downloaded through the {@link SafeHttpFetcher}, each download retried on its own under
 * the same policy, so a failed download never pays for a second generation. The Images API has no
 * idempotency key: a retry after an answer that was lost on the way (timeout, reset) may generate, and
 * be billed, twice. {@link ProviderRequest#idempotencyKey()} is therefore unused.
 *
 * <p>Time limits and cancellation: one call waits at most {@code connect-timeout} plus
 * {@code read-timeout} for its complete answer. The call runs asynchronously while the worker thread
 * waits in short slices; when the context is canceled or the thread interrupted, the exchange is
 * aborted and {@link ProviderException.Canceled} thrown within one slice (the interrupt flag stays
 * set). URL downloads are bounded by the fetcher's own timeout and are not interruptible.
 *
 * <p>Thread-safe: one instance serves all workers. {@link #close()} aborts calls in flight.
 */
final class OpenAiImageProvider implements ImageProvider, AutoCloseable {

    static final String ID = "openai";

    /** Options copied from {@link ProviderRequest#options()} into the request, under their wire names. */
    static final List<String> PASSED_OPTIONS =
            List.of("quality", "style", "output_format", "output_compression", "moderation", "user");

    /** Most of an error answer that is read: enough for any JSON error, not a runaway body. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OpenAiProviderProperties properties;
    private final SafeHttpFetcher fetcher;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RetryPolicy retryPolicy;
    private final OpenAiErrors errors;
    private final Map<String, ModelDescriptor> models;
    private final URI generationsUri;
    private final URI editsUri;

    OpenAiImageProvider(OpenAiProviderProperties properties, SafeHttpFetcher fetcher) {
        this(properties, fetcher, Clock.systemUTC());
    }

    OpenAiImageProvider(OpenAiProviderProperties properties, SafeHttpFetcher fetcher, Clock clock) {
        this.properties = properties;
        this.fetcher = fetcher;
        // HTTP/1.1: plain-http local servers mishandle the h2c upgrade a POST would otherwise carry.
        // Redirects are not followed: they would carry the API key to wherever they point.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retryPolicy = properties.retryPolicy();
        this.errors = new OpenAiErrors(json, clock, properties.apiKey());
        Map<String, ModelDescriptor> byName = new LinkedHashMap<>();
        for (String name : properties.models()) {
            byName.put(name, OpenAiModels.describe(name, properties.creditCosts()));
        }
        this.models = Map.copyOf(byName);
        this.generationsUri = URI.create(properties.baseUrl() + "/images/generations");
        this.editsUri = URI.create(properties.baseUrl() + "/images/edits");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ModelDescriptor> models() {
        return properties.models().stream().map(models::get).toList();
    }

    @Override
    public ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
        context.throwIfCancelled();
        ModelDescriptor model = models.get(request.modelName());
        if (model == null) {
            throw new ProviderException.NonRetriable(OpenAiErrors.MODEL_NOT_FOUND,
                    "model " + request.modelName() + " is not served by the openai provider", null);
        }
        OpenAiModels.Family family = OpenAiModels.familyOf(request.modelName());
        validate(request, model);
        ImageGenerationRequest parameters = parameters(request, family);
        boolean withImages = request.initImage() != null || !request.referenceImages().isEmpty();
        HttpRequest httpRequest = withImages ? editRequest(parameters, request) : jsonRequest(parameters);

        context.progress(ProviderContext.Progress.percent(0, "waiting for the image backend"));
        Reply reply = retryPolicy.execute(context, attempt -> call(httpRequest, context, request.size()));
        List<OpenAiAnswerReader.Item> items = reply.answer().items();
        if (items.isEmpty()) {
            throw errors.fromEmptyAnswer(errorBody(reply.answer()), reply.requestId());
        }
        List<ProviderResult.GeneratedImage> images = new ArrayList<>(items.size());
        for (OpenAiAnswerReader.Item item : items) {
            context.throwIfCancelled();
            images.add(item.image() != null ? item.image() : downloaded(item, request.size(), context));
        }
        return new ProviderResult(images, reply.requestId());
    }

    /** Images arrive as a stream into the context's sink: a few buffers per call, whatever the image size. */
    @Override
    public long memoryPerCall(ProviderRequest request) {
        return request.count() * 256L * 1024;
    }

    /** Aborts calls in flight; the provider cannot be used afterwards. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** A successful answer, read, and the backend's request id. */
    private record Reply(OpenAiAnswerReader.Answer answer, String requestId) {
    }

    private byte[] errorBody(OpenAiAnswerReader.Answer answer) {
        return answer.error() == null ? new byte[0] : json.writeValueAsBytes(Map.of("error", answer.error()));
    }

    /** Checks what the port's caller should already have checked, so no call is paid for in vain. */
    private static void validate(ProviderRequest request, ModelDescriptor model) throws ProviderException {
        ModelCapabilities capabilities = model.capabilities();
        String name = model.name();
        if (request.prompt().length() > model.promptLimit()) {
            throw badRequest(name + " takes prompts of at most " + model.promptLimit() + " characters");
        }
        if (request.count() > capabilities.maxCount()) {
            throw badRequest(name + " makes at most " + capabilities.maxCount() + " image(s) per request");
        }
        if (!capabilities.supports(request.size())) {
            throw badRequest(name + " cannot make " + request.size() + " images");
        }
        if (request.negativePrompt() != null && !request.negativePrompt().isBlank()) {
            throw badRequest(name + " does not take a negative prompt");
        }
        if (request.isUpscale()) {
            throw badRequest(name + " has no upscaler");
        }
        if (request.initImage() != null && !capabilities.edits()) {
            throw badRequest(name + " cannot edit images");
        }
        int references = request.referenceImages().size();
        if (references > capabilities.maxReferenceImages()) {
            throw badRequest(capabilities.maxReferenceImages() == 0 ? name + " takes no reference images"
                    : name + " takes at most " + capabilities.maxReferenceImages() + " reference images, not " + references);
        }
        if (request.mask() != null && (request.initImage() == null || !capabilities.masks())) {
            throw badRequest(request.initImage() == null ? "a mask needs an image to edit" : name + " does not take masks");
        }
        if ("transparent".equalsIgnoreCase(request.background()) && !capabilities.transparentBackground()) {
            throw badRequest(name + " cannot make transparent backgrounds");
        }
    }

    private static ImageGenerationRequest parameters(ProviderRequest request, OpenAiModels.Family family)
            throws ProviderException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : PASSED_OPTIONS) {
            String value = request.options().get(key);
            if (value != null && !value.isBlank()) {
                options.put(key, value.trim());
            }
        }
        Integer compression = null;
        if (options.containsKey("output_compression")) {
            try {
                compression = Integer.valueOf(options.get("output_compression"));
            } catch (NumberFormatException e) {
                throw badRequest("output_compression must be a whole number (0-100)");
            }
        }
        String background = family.takesBackground() && request.background() != null ? request.background() : null;
        return new ImageGenerationRequest(
                request.modelName(),
                request.prompt(),
                request.count(),
                request.size().toString(),
                family.requestsBase64() ? "b64_json" : null,
                options.get("quality"),
                options.get("style"),
                background,
                options.get("output_format"),
                compression,
                options.get("moderation"),
                options.get("user"));
    }

    private HttpRequest jsonRequest(ImageGenerationRequest parameters) {
        return baseRequest(generationsUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(parameters)))
                .build();
    }

    /**
     * The same parameters as form fields, then the images and the mask as files: one image as
     * {@code image}; several (init image first, then the references) as repeated {@code image[]}.
     */
    private HttpRequest editRequest(ImageGenerationRequest parameters, ProviderRequest request) {
        MultipartForm form = new MultipartForm();
        Map<String, Object> fields = json.convertValue(parameters, json.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        fields.forEach(form::field);
        List<ProviderRequest.SourceImage> images = new ArrayList<>();
        if (request.initImage() != null) {
            images.add(request.initImage());
        }
        images.addAll(request.referenceImages());
        String field = images.size() == 1 ? "image" : "image[]";
        for (int i = 0; i < images.size(); i++) {
            ProviderRequest.SourceImage image = images.get(i);
            String name = i == 0 && request.initImage() != null ? "image" : "reference-" + (request.initImage() == null ? i + 1 : i);
            form.file(field, name + MultipartForm.extension(image.mimeType()), image.mimeType(), image.bytes());
        }
        if (request.mask() != null) {
            form.file("mask", "mask" + MultipartForm.extension(request.mask().mimeType()), request.mask().mimeType(), request.mask().bytes());
        }
        return baseRequest(editsUri)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
    }

    private HttpRequest.Builder baseRequest(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "Atelier");
        if (properties.apiKey() != null) {
            builder.header("Authorization", "Bearer " + properties.apiKey());
        }
        if (properties.organization() != null) {
            builder.header("OpenAI-Organization", properties.organization());
        }
        return builder;
    }

    /**
     * One try: send, wait (cancellably) for the answer's head, then read its body as a stream (a
     * success straight into the context's image sink) while a watchdog closes the stream on cancel or
     * at the deadline; anything but 2xx becomes a provider failure.
     */
    private Reply call(HttpRequest httpRequest, ProviderContext context, ImageSize size) throws ProviderException {
        long deadline = System.nanoTime() + properties.connectTimeout().toNanos() + properties.readTimeout().toNanos();
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response = await(future, context, deadline);
        String requestId = response.headers().firstValue("x-request-id").orElse(null);
        long limit = properties.maxResponseSize().toBytes();
        try (InputStream body = new LimitedInputStream(response.body(), limit);
             BodyWatchdog.Watch watch = BodyWatchdog.watch(body, context, deadline)) {
            try {
                if (response.statusCode() / 100 == 2) {
                    return new Reply(new OpenAiAnswerReader(json, context.imageSink(), size).read(body), requestId);
                }
                byte[] errorBody = body.readNBytes(MAX_ERROR_BODY);
                throw errors.fromStatus(response.statusCode(), response.headers(), errorBody, requestId);
            } catch (IOException e) {
                if (context.isCancelled()) {
                    throw new ProviderException.Canceled();
                }
                if (watch.expired()) {
                    throw ProviderException.Retriable.timeout("the image backend did not finish its answer in time", e);
                }
                throw errors.fromTransport(e);
            }
        } catch (IOException closing) {
            throw errors.fromTransport(closing);
        }
    }

    /**
     * Waits for the exchange's head in slices, checking for cancellation between them. The request's
     * own timeout covers the wait for the response head; the deadline also bounds the body (watchdog).
     */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, ProviderContext context, long deadline)
            throws ProviderException {
        return CancellableWait.await(future, context, deadline,
                () -> ProviderException.Retriable.timeout("the image backend did not answer in time", null), errors::fromTransport);
    }

    /** An image the backend answered by URL, downloaded through the SSRF-safe fetcher. */
    private ProviderResult.GeneratedImage downloaded(OpenAiAnswerReader.Item item, ImageSize requested,
                                                     ProviderContext context) throws ProviderException {
        byte[] bytes = retryPolicy.execute(context, attempt -> download(item.url()));
        ImageBytes.Info info = ImageBytes.inspect(bytes).orElseThrow(() -> new ProviderException.NonRetriable(
                OpenAiErrors.BAD_RESPONSE, "the image backend answered something that is not a PNG, JPEG or WebP image", null));
        // A header we cannot read still came from a request for this size.
        int width = info.hasSize() ? info.width() : requested.width();
        int height = info.hasSize() ? info.height() : requested.height();
        return new ProviderResult.GeneratedImage(bytes, info.mimeType(), width, height, item.revisedPrompt());
    }

    private byte[] download(String url) throws ProviderException {
        return FetchedImages.download(fetcher, url, "the image backend answered an invalid image URL",
                "downloading the generated image failed");
    }

    private static ProviderException.NonRetriable badRequest(String message) {
        return ProviderException.NonRetriable.badRequest(message);
    }
}
