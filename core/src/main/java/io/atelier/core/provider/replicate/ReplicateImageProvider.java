package io.atelier.core.provider.replicate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.fetch.FetchException;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.HostedErrors;
import io.atelier.core.provider.http.MultipartForm;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.replicate.internal.CreatePrediction;
import io.atelier.core.provider.replicate.internal.Prediction;

/**
 * The {@code replicate} provider: Replicate's predictions HTTP API. A generation is one prediction:
 * <ol>
 *   <li>an image to start from (FLUX.1 [dev]: {@code image} with {@code prompt_strength}, the request's
 *       strength) goes inline as a {@code data:} URL, or when large is first uploaded through
 *       {@code POST {base-url}/files}; no model we know takes reference images;</li>
 *   <li>create: {@code POST {base-url}/models/{owner}/{name}/predictions} (official models) or
 *       {@code POST {base-url}/predictions} with {@code version} (pinned community models), with
 *       {@code Prefer: wait=N} ({@code prefer-wait}) so that fast models answer finished;</li>
 *   <li>poll {@code urls.get} every {@code poll-interval} until {@code succeeded}, {@code failed},
 *       {@code canceled} or {@code aborted}, reporting progress from the status and the sampler's
 *       progress lines in {@code logs} ({@code 50%|█████     | 2/4 [00:01<00:01, 1.9it/s]});</li>
 *   <li>download each output URL through the {@link SafeHttpFetcher} (never with our token), or decode
 *       a {@code data:} URL.</li>
 * </ol>
 *
 * <p>Billing rule (why the create is special): a prediction is billed for the time it runs, and
 * Replicate has no idempotency key. The create call is therefore retried only when it certainly
 * created nothing: 429 (throttled) and connections that were never made. A 5xx, a timeout or a reset
 * after the request was sent may have started a prediction we cannot see, so it fails the call
 * (retriable, for callers that decide otherwise) instead of starting a second one. Polls, cancels and
 * downloads are safe to repeat and run under the {@link RetryPolicy}.
 *
 * <p>Cancellation: once the prediction exists, a cancel (or shutdown, or the {@code max-duration}
 * limit) posts {@code urls.cancel} so Replicate stops billing, then throws
 * {@link ProviderException.Canceled} (or a timeout). A cancel that arrives during the create call does
 * not abort it: we read its answer (at most {@code prefer-wait} + {@code read-timeout}) to learn the
 * prediction's cancel URL, then cancel it. Only an interrupt aborts the create at once.
 *
 * <p>Errors: HTTP errors come as {@code {title, detail, status}}: 401/403 auth, 402 quota, 404 model
 * not found, 422 bad request ({@code detail} names the field), 429 rate limited with {@code Retry-After},
 * 5xx unavailable. A {@code failed} prediction whose error mentions NSFW or safety is a content-policy
 * failure; any other is {@code PROVIDER_GENERATION_FAILED} with Replicate's error text.
 *
 * <p>Thread-safe: one instance serves all workers. {@link #close()} aborts calls in flight.
 */
final class ReplicateImageProvider implements ImageProvider, AutoCloseable {

    static final String ID = "replicate";
    static final String BACKEND = "Replicate";
    static final String QUOTA_EXCEEDED = "PROVIDER_QUOTA_EXCEEDED";
    /** Larger input files are uploaded through {@code POST /files} instead of inlined. */
    static final int MAX_DATA_URL_BYTES = 768 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ReplicateImageProvider.class);
    private static final Pattern POLICY_WORDS = Pattern.compile("(?i)nsfw|safety|sensitive|content policy|flagged");

    private final ReplicateProviderProperties properties;
    private final SafeHttpFetcher fetcher;
    private final ProviderHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RetryPolicy retryPolicy;
    private final Map<String, ModelDescriptor> models;

    ReplicateImageProvider(ReplicateProviderProperties properties, SafeHttpFetcher fetcher) {
        this(properties, fetcher, Clock.systemUTC());
    }

    ReplicateImageProvider(ReplicateProviderProperties properties, SafeHttpFetcher fetcher, Clock clock) {
        this.properties = properties;
        this.fetcher = fetcher;
        this.http = new ProviderHttpClient(BACKEND, properties.connectTimeout(), properties.readTimeout(),
                properties.maxResponseSize().toBytes(), properties.apiKey(), clock);
        this.retryPolicy = properties.retryPolicy();
        Map<String, ModelDescriptor> byName = new LinkedHashMap<>();
        for (String name : properties.models()) {
            byName.put(name, ReplicateModels.describe(name, properties.creditCosts()));
        }
        this.models = byName;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ModelDescriptor> models() {
        return List.copyOf(models.values());
    }

    @Override
    public ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
        context.throwIfCancelled();
        ModelDescriptor model = models.get(request.modelName());
        if (model == null) {
            throw HostedErrors.modelNotServed(ID, request.modelName());
        }
        HostedErrors.validate(request, model);
        ReplicateModels.Family family = ReplicateModels.familyOf(request.modelName());
        Map<String, Object> input = input(request, family, model, context);

        context.progress(ProviderContext.Progress.percent(0, "sending to Replicate"));
        Prediction prediction = create(request.modelName(), input, context);
        long deadline = System.nanoTime() + properties.maxDuration().toNanos();
        while (!prediction.isTerminal()) {
            if (context.isCancelled() || Thread.currentThread().isInterrupted()) {
                cancel(prediction);
                throw new ProviderException.Canceled();
            }
            if (System.nanoTime() > deadline) {
                cancel(prediction);
                throw ProviderException.Retriable.timeout("the Replicate prediction " + prediction.id()
                        + " did not finish within " + properties.maxDuration() + " (atelier.providers.replicate.max-duration);"
                        + " it was canceled", null);
            }
            ReplicateProgress.report(prediction, context);
            pause(context, prediction);
            Prediction current = prediction;
            try {
                prediction = retryPolicy.execute(context, attempt -> get(current, context));
            } catch (ProviderException.Canceled e) {
                cancel(current);
                throw e;
            }
        }
        return finish(prediction, request, context);
    }

    /** Aborts calls in flight; the provider cannot be used afterwards. */
    @Override
    public void close() {
        http.close();
    }

    // ---- the prediction's life ----

    private Map<String, Object> input(ProviderRequest request, ReplicateModels.Family family, ModelDescriptor model,
            ProviderContext context) throws ProviderException {
        String aspectRatio = family.sizes().label(request.size()).orElseThrow(() ->
                ProviderException.NonRetriable.badRequest(model.id() + " cannot make " + request.size() + " images"));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt());
        if (request.initImage() == null) {
            input.put("aspect_ratio", aspectRatio);
        }
        input.put("seed", request.seed() % 2_147_483_648L);
        if (family.takesNumOutputs()) {
            input.put("num_outputs", request.count());
        }
        if (family.takesOutputFormat()) {
            input.put("output_format", Optional.ofNullable(option(request, "output_format")).orElse("png"));
        }
        if (request.initImage() != null) {
            input.put("image", fileInput(request.initImage(), context));
            String strength = request.strength() != null ? String.valueOf(request.strength())
                    : Optional.ofNullable(option(request, "prompt_strength"))
                            .orElse(Optional.ofNullable(option(request, "strength")).orElse("0.8"));
            try {
                double value = Double.parseDouble(strength);
                if (value < 0 || value > 1 || !Double.isFinite(value)) {
                    throw new NumberFormatException();
                }
                input.put("prompt_strength", value);
            } catch (NumberFormatException e) {
                throw ProviderException.NonRetriable.badRequest("prompt_strength must be a number from 0 to 1: " + strength);
            }
        }
        return input;
    }

    /**
     * An input file as Replicate takes it: a {@code data:} URL up to {@link #MAX_DATA_URL_BYTES} (Replicate
     * recommends them below 1 MB), else uploaded through {@code POST /files} (multipart field
     * {@code content}) and passed as the upload's {@code urls.get}. Uploads are not billed, so they are
     * retried like any safe call.
     */
    private String fileInput(ProviderRequest.SourceImage image, ProviderContext context) throws ProviderException {
        if (image.bytes().length <= MAX_DATA_URL_BYTES) {
            return "data:" + image.mimeType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes());
        }
        MultipartForm form = new MultipartForm().file("content", "image" + extension(image.mimeType()), image.mimeType(),
                image.bytes());
        HttpRequest request = authorized(URI.create(properties.baseUrl() + "/files"))
                .timeout(properties.readTimeout())
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
        JsonNode uploaded = retryPolicy.execute(context, attempt -> {
            HttpResponse<byte[]> response = http.exchange(request, context);
            if (response.statusCode() / 100 != 2) {
                throw fromStatus(response);
            }
            try {
                return json.readTree(response.body());
            } catch (JacksonException e) {
                throw HostedErrors.badResponse("Replicate's answer to the file upload is not JSON");
            }
        });
        String url = text(uploaded.at("/urls/get"));
        if (url == null) {
            throw HostedErrors.badResponse("Replicate's answer to the file upload has no urls.get");
        }
        return url;
    }

    private static String extension(String mimeType) {
        return switch (mimeType.toLowerCase(Locale.ROOT)) {
            case "image/jpeg", "image/jpg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }

    /**
     * Creates the prediction, retrying only what certainly created nothing (429, no connection).
     * Reads the answer even when the generation is canceled meanwhile, so the caller can cancel it.
     */
    private Prediction create(String model, Map<String, Object> input, ProviderContext context) throws ProviderException {
        String version = ReplicateModels.version(model);
        URI uri = URI.create(version == null
                ? properties.baseUrl() + "/models/" + ReplicateModels.owned(model) + "/predictions"
                : properties.baseUrl() + "/predictions");
        byte[] body = json.writeValueAsBytes(new CreatePrediction(version, input));
        HttpRequest request = authorized(uri)
                .timeout(properties.preferWait().plus(properties.readTimeout()))
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=" + properties.preferWait().toSeconds())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        ProviderContext untilAnswered = new ProviderContext() {
            @Override
            public void progress(Progress progress) {
                context.progress(progress);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public CancelWatch watchCancel(Runnable onCancel) {
                return CancelWatch.SIGNALLED; // never canceled
            }

            @Override
            public ImageSink imageSink() {
                return context.imageSink();
            }
        };
        ProviderException.Retriable[] unsafe = new ProviderException.Retriable[1];
        Prediction created = retryPolicy.execute(context, attempt -> {
            try {
                HttpResponse<byte[]> response = http.exchange(request, untilAnswered,
                        properties.connectTimeout().plus(properties.preferWait()).plus(properties.readTimeout()));
                if (response.statusCode() / 100 != 2) {
                    throw fromStatus(response);
                }
                return prediction(response.body());
            } catch (ProviderException.Retriable e) {
                boolean throttled = "PROVIDER_RATE_LIMITED".equals(e.code());
                boolean neverConnected = e.getCause() != null && !ProviderHttpClient.mayHaveReachedBackend(e);
                if (throttled || neverConnected) {
                    throw e;
                }
                unsafe[0] = e;
                return null;
            }
        });
        if (unsafe[0] != null) {
            throw unsafe[0];
        }
        log.info("replicate prediction {} created for {}: {}", created.id(), model, created.status());
        return created;
    }

    /** One poll; a cancel aborts it at once (the caller then cancels the prediction). */
    private Prediction get(Prediction prediction, ProviderContext context) throws ProviderException {
        URI uri = urlOf(prediction, prediction.urls() == null ? null : prediction.urls().get(), "get");
        HttpResponse<byte[]> response = http.exchange(authorized(uri).timeout(properties.readTimeout()).GET().build(),
                context);
        if (response.statusCode() / 100 != 2) {
            throw fromStatus(response);
        }
        return prediction(response.body());
    }

    /** Best effort: a failed cancel is logged, since the caller is already ending the generation. */
    private void cancel(Prediction prediction) {
        try {
            URI uri = urlOf(prediction, prediction.urls() == null ? null : prediction.urls().cancel(), "cancel");
            HttpRequest request = authorized(uri).timeout(properties.readTimeout())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            retryPolicy.execute(ProviderContext.detached(), attempt -> {
                HttpResponse<byte[]> response = http.exchange(request, ProviderContext.detached());
                if (response.statusCode() / 100 != 2) {
                    throw fromStatus(response);
                }
                return response;
            });
            log.info("replicate prediction {} canceled", prediction.id());
        } catch (ProviderException e) {
            log.warn("canceling replicate prediction {} failed: {}", prediction.id(), e.getMessage());
        }
    }

    private ProviderResult finish(Prediction prediction, ProviderRequest request, ProviderContext context)
            throws ProviderException {
        String id = prediction.id();
        switch (prediction.status()) {
            case "succeeded" -> {
                // handled below
            }
            case "failed" -> {
                String error = errorText(prediction);
                String text = http.describe("the Replicate prediction failed", error, id);
                if (error != null && POLICY_WORDS.matcher(error).find()) {
                    throw ProviderException.NonRetriable.contentPolicy(text);
                }
                throw new ProviderException.NonRetriable(HostedErrors.GENERATION_FAILED, text, null);
            }
            default -> throw new ProviderException.NonRetriable(HostedErrors.GENERATION_FAILED,
                    http.describe("the Replicate prediction was " + prediction.status() + " on Replicate's side",
                            errorText(prediction), id), null);
        }
        List<String> urls = new ArrayList<>();
        JsonNode output = prediction.output();
        if (output != null && output.isString()) {
            urls.add(output.stringValue());
        } else if (output != null && output.isArray()) {
            for (JsonNode item : output) {
                if (item.isString()) {
                    urls.add(item.stringValue());
                }
            }
        }
        if (urls.isEmpty()) {
            throw HostedErrors.badResponse(http.describe("the Replicate prediction succeeded without an output file", null, id));
        }
        context.progress(new ProviderContext.Progress(95, 0, 0, null, "downloading " + urls.size() + " image(s) from Replicate"));
        List<ProviderResult.GeneratedImage> images = new ArrayList<>(urls.size());
        for (String url : urls) {
            context.throwIfCancelled();
            byte[] bytes = url.startsWith("data:") ? HostedErrors.decodeBase64(BACKEND, url)
                    : retryPolicy.execute(context, attempt -> download(url));
            images.add(HostedErrors.image(BACKEND, bytes, request.size(), null));
        }
        context.progress(new ProviderContext.Progress(100, 0, 0, Duration.ZERO, "done"));
        return new ProviderResult(images, id);
    }

    // ---- HTTP ----

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", "Atelier");
    }

    /**
     * A URL Replicate gave us for a prediction; it must lie under the base URL, since we send our
     * token there. Without one, the documented path under the base URL.
     */
    private URI urlOf(Prediction prediction, String given, String action) throws ProviderException {
        String fallback = properties.baseUrl() + "/predictions/" + prediction.id() + (action.equals("cancel") ? "/cancel" : "");
        String url = given == null || given.isBlank() ? fallback : given;
        if (!url.startsWith(properties.baseUrl() + "/")) {
            throw HostedErrors.badResponse("Replicate answered a " + action + " URL outside atelier.providers.replicate.base-url");
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw HostedErrors.badResponse("Replicate answered an invalid " + action + " URL");
        }
    }

    private Prediction prediction(byte[] body) throws ProviderException {
        Prediction prediction;
        try {
            prediction = json.readValue(body, Prediction.class);
        } catch (JacksonException e) {
            throw HostedErrors.badResponse("Replicate's answer is not a prediction");
        }
        if (prediction.id() == null || prediction.status() == null) {
            throw HostedErrors.badResponse("Replicate answered a prediction without id or status");
        }
        return prediction;
    }

    /** Replicate's {@code {title, detail, status}} error, mapped by status. */
    ProviderException fromStatus(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String upstream = null;
        try {
            JsonNode root = json.readTree(response.body());
            String title = text(root.get("title"));
            String detail = text(root.get("detail"));
            upstream = title == null ? detail : detail == null ? title : title + ": " + detail;
        } catch (JacksonException | IllegalArgumentException e) {
            // not Replicate's JSON (a proxy's page): the status says enough
        }
        if (status == 402) {
            return new ProviderException.NonRetriable(QUOTA_EXCEEDED,
                    http.describe(BACKEND + " answered HTTP 402", upstream, null), null);
        }
        return http.fromStatus(status, response.headers(), upstream, null);
    }

    private byte[] download(String url) throws ProviderException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw HostedErrors.badResponse("Replicate answered an invalid output URL");
        }
        try {
            return fetcher.fetchImage(uri).bytes();
        } catch (FetchException e) {
            String message = "downloading the Replicate output failed: " + e.code() + ": " + e.getMessage();
            throw switch (e.code()) {
                case FETCH_TIMEOUT -> ProviderException.Retriable.timeout(message, e);
                case FETCH_FAILED -> ProviderException.Retriable.unavailable(message, e);
                default -> new ProviderException.NonRetriable(HostedErrors.BAD_RESPONSE, message, e);
            };
        }
    }

    private void pause(ProviderContext context, Prediction prediction) throws ProviderException {
        long until = System.nanoTime() + properties.pollInterval().toNanos();
        try {
            while (System.nanoTime() < until) {
                if (context.isCancelled()) {
                    return;
                }
                long left = until - System.nanoTime();
                Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(prediction);
            throw new ProviderException.Canceled();
        }
    }

    private static String errorText(Prediction prediction) {
        JsonNode error = prediction.error();
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isString() ? error.stringValue() : error.toString();
    }

    private static String option(ProviderRequest request, String key) {
        String value = request.options().get(key);
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        String value = node.asString();
        return value == null || value.isBlank() ? null : value;
    }
}
