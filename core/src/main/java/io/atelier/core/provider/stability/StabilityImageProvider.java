package io.atelier.core.provider.stability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.HostedErrors;
import io.atelier.core.provider.http.ImageBytes;
import io.atelier.core.provider.http.MultipartForm;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.HttpImageProvider;
import io.atelier.core.provider.http.ServedModels;
import io.atelier.core.provider.stability.internal.StabilityError;
import io.atelier.core.provider.stability.internal.StabilityImageResponse;

/**
 * The {@code stability} provider: Stability AI's v2beta Stable Image endpoints
 * {@code POST {base-url}/v2beta/stable-image/generate/{ultra|core|sd3}}, as {@code multipart/form-data}
 * with {@code Authorization: Bearer} and {@code Accept: image/*} (the image bytes, with
 * {@code finish-reason} and {@code seed} headers; an {@code application/json} answer with
 * {@code {image, finish_reason, seed}} is read too).
 *
 * <p>Fields sent: {@code prompt}, {@code negative_prompt}, {@code aspect_ratio} (text-to-image only: an
 * image-to-image output takes its source's shape), {@code seed}, {@code output_format}, for Core the
 * {@code style_preset} option, for SD3 {@code model} and {@code mode}; with an image to start from,
 * {@code image} and {@code strength} (the request's strength, else option {@code strength}, 0–1,
 * default 0.6). No model takes reference images.
 *
 * <p>Upscale: {@code POST {base-url}/v2beta/stable-image/upscale/fast} with {@code image} and
 * {@code output_format}: Stability's fast upscaler enlarges four times, from inputs of 32–1536 pixels a
 * side and at most about one megapixel; whatever Stability model the generation named.
 *
 * <p>Errors: {@code finish-reason: CONTENT_FILTERED} and the {@code content_moderation} error are
 * content-policy failures ({@code CONTENT_POLICY_VIOLATION}); Stability's {@code {id, name, errors[]}}
 * bodies give the message; 401 (and 403 other than moderation) auth, 402 {@code PROVIDER_QUOTA_EXCEEDED}
 * (out of credits), 429 rate limited with {@code Retry-After}, 5xx unavailable.
 *
 * <p>Retries and billing: Stability bills each successful image and has no idempotency key; each image is
 * one call under the {@link RetryPolicy} through {@link ProviderHttpClient#billable}, so only error
 * statuses and connections never made are retried, never a call whose answer was lost.
 *
 * <p>Count and progress: one image per call; {@code count} images take {@code count} calls with seeds
 * {@code seed}, {@code seed+1} …; progress reports {@code step i of count}.
 *
 * <p>Thread-safe: one instance serves all workers. {@link #close()} aborts calls in flight.
 */
final class StabilityImageProvider extends HttpImageProvider {

    static final String ID = "stability";
    static final String BACKEND = "Stability";
    static final String QUOTA_EXCEEDED = "PROVIDER_QUOTA_EXCEEDED";
    static final String DEFAULT_STRENGTH = "0.6";
    static final String UPSCALE_PATH = "/v2beta/stable-image/upscale/fast";
    /** The fast upscaler's input limits. */
    static final int UPSCALE_MIN_SIDE = 32;
    static final int UPSCALE_MAX_SIDE = 1536;
    static final long UPSCALE_MAX_PIXELS = 1_048_576L;

    private final StabilityProviderProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RetryPolicy retryPolicy;

    StabilityImageProvider(StabilityProviderProperties properties) {
        super(ID, new ProviderHttpClient(BACKEND, properties.connection(), Clock.systemUTC()),
                new ServedModels(ID, properties.models(), name -> StabilityModels.describe(name, properties.creditCosts())));
        this.properties = properties;
        this.retryPolicy = properties.retryPolicy();
    }

    @Override
    protected ProviderResult generate(ProviderRequest request, ModelDescriptor model, ProviderContext context)
            throws ProviderException {
        if (request.isUpscale()) {
            return upscale(request, context);
        }
        StabilityModels.Family family = StabilityModels.familyOf(request.modelName()).orElseThrow();
        String aspectRatio = StabilityModels.SIZES.label(request.size()).orElseThrow(() ->
                ProviderException.NonRetriable.badRequest(model.id() + " cannot make " + request.size() + " images"));
        String outputFormat = outputFormat(request);
        String stylePreset = option(request, "style_preset");
        if (stylePreset != null && !family.takesStylePreset()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " does not take a style_preset (Stable Image Core does)");
        }
        String strength = strength(request);

        List<ProviderResult.GeneratedImage> images = new ArrayList<>(request.count());
        String requestId = null;
        for (int i = 0; i < request.count(); i++) {
            context.progress(new ProviderContext.Progress(i * 100 / request.count(), i, request.count(), null,
                    "Stability is drawing image " + (i + 1) + " of " + request.count()));
            long seed = (request.seed() + i) % (StabilityModels.MAX_SEED + 1);
            MultipartForm form = new MultipartForm()
                    .field("prompt", request.prompt())
                    .field("negative_prompt", blankToNull(request.negativePrompt()))
                    .field("aspect_ratio", request.initImage() == null ? aspectRatio : null)
                    .field("seed", seed)
                    .field("output_format", outputFormat)
                    .field("style_preset", stylePreset);
            if (family == StabilityModels.Family.SD3) {
                form.field("model", request.modelName());
                form.field("mode", request.initImage() == null ? "text-to-image" : "image-to-image");
            }
            if (request.initImage() != null) {
                form.file("image", "image" + MultipartForm.extension(request.initImage().mimeType()), request.initImage().mimeType(),
                        request.initImage().bytes());
                form.field("strength", strength);
            }
            HttpResponse<byte[]> answer = post("/v2beta/stable-image/generate/" + family.endpoint(), form, context);
            if (requestId == null) {
                requestId = answer.headers().firstValue("x-request-id").orElse(null);
            }
            images.add(image(answer, request));
        }
        context.progress(new ProviderContext.Progress(100, request.count(), request.count(), Duration.ZERO, "done"));
        return new ProviderResult(images, requestId);
    }

    /** The fast upscaler: one call, the image four times larger. */
    private ProviderResult upscale(ProviderRequest request, ProviderContext context) throws ProviderException {
        ProviderRequest.SourceImage source = request.initImage();
        ImageBytes.Info info = ImageBytes.inspect(source.bytes())
                .filter(ImageBytes.Info::hasSize)
                .orElseThrow(() -> ProviderException.NonRetriable.badRequest("the image to upscale is not a readable PNG, JPEG or WebP"));
        long pixels = (long) info.width() * info.height();
        if (info.width() < UPSCALE_MIN_SIDE || info.height() < UPSCALE_MIN_SIDE || info.width() > UPSCALE_MAX_SIDE
                || info.height() > UPSCALE_MAX_SIDE || pixels > UPSCALE_MAX_PIXELS) {
            throw ProviderException.NonRetriable.badRequest("Stability's fast upscaler takes images of " + UPSCALE_MIN_SIDE
                    + "-" + UPSCALE_MAX_SIDE + " pixels a side and at most " + UPSCALE_MAX_PIXELS + " pixels, not "
                    + info.width() + "x" + info.height());
        }
        context.progress(ProviderContext.Progress.percent(0, "Stability is upscaling"));
        MultipartForm form = new MultipartForm()
                .file("image", "image" + MultipartForm.extension(source.mimeType()), source.mimeType(), source.bytes())
                .field("output_format", outputFormat(request));
        HttpResponse<byte[]> answer = post(UPSCALE_PATH, form, context);
        ProviderResult.GeneratedImage image = image(answer, request);
        context.progress(new ProviderContext.Progress(100, 1, 1, Duration.ZERO, "done"));
        return new ProviderResult(List.of(image), answer.headers().firstValue("x-request-id").orElse(null));
    }

    /** One billed call: the form to {@code path}, retried only when it certainly produced nothing. */
    private HttpResponse<byte[]> post(String path, MultipartForm form, ProviderContext context) throws ProviderException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .timeout(properties.readTimeout())
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "image/*")
                .header("Content-Type", form.contentType())
                .header("User-Agent", "Atelier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
        return ProviderHttpClient.billable(retryPolicy, context, attempt -> http.send(request, context, this::fromStatus));
    }

    /** Stability's {@code {id, name, errors[]}} error, mapped by status and {@code name}. */
    ProviderException fromStatus(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        StabilityError error;
        try {
            error = json.readValue(response.body(), StabilityError.class);
        } catch (JacksonException | IllegalArgumentException e) {
            error = new StabilityError(null, null, List.of());
        }
        String upstream = error.errors().isEmpty() ? null : String.join("; ", error.errors());
        if (error.name() != null) {
            upstream = upstream == null ? error.name() : error.name() + ": " + upstream;
        }
        String text = http.describe(BACKEND + " answered HTTP " + status, upstream, error.id());
        if ("content_moderation".equalsIgnoreCase(error.name())) {
            return ProviderException.NonRetriable.contentPolicy(text);
        }
        if (status == 402) {
            return new ProviderException.NonRetriable(QUOTA_EXCEEDED, text, null);
        }
        return http.fromStatus(status, response.headers(), upstream, error.id());
    }

    private ProviderResult.GeneratedImage image(HttpResponse<byte[]> answer, ProviderRequest request) throws ProviderException {
        String contentType = answer.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        byte[] bytes;
        String finishReason;
        if (contentType.startsWith("application/json")) {
            StabilityImageResponse response;
            try {
                response = json.readValue(answer.body(), StabilityImageResponse.class);
            } catch (JacksonException e) {
                throw HostedErrors.badResponse("Stability's answer is neither an image nor its JSON");
            }
            finishReason = response.finishReason();
            if (response.image() == null && !"CONTENT_FILTERED".equalsIgnoreCase(finishReason)) {
                throw HostedErrors.badResponse("Stability answered JSON without an image");
            }
            bytes = response.image() == null ? new byte[0] : HostedErrors.decodeBase64(BACKEND, response.image());
        } else {
            finishReason = answer.headers().firstValue("finish-reason").orElse(null);
            bytes = answer.body();
        }
        if ("CONTENT_FILTERED".equalsIgnoreCase(finishReason)) {
            throw ProviderException.NonRetriable.contentPolicy(
                    "Stability's content filter blocked the image (finish-reason CONTENT_FILTERED)");
        }
        if (finishReason != null && !"SUCCESS".equalsIgnoreCase(finishReason)) {
            throw HostedErrors.badResponse("Stability finished with " + finishReason);
        }
        return HostedErrors.image(BACKEND, bytes, request.size(), null);
    }

    private String outputFormat(ProviderRequest request) throws ProviderException {
        String requested = option(request, "output_format");
        if (requested == null) {
            return properties.outputFormat();
        }
        String format = requested.toLowerCase(Locale.ROOT);
        if (format.equals("jpg")) {
            format = "jpeg";
        }
        if (!StabilityProviderProperties.OUTPUT_FORMATS.contains(format)) {
            throw ProviderException.NonRetriable.badRequest("output_format must be png, jpeg or webp for Stability: " + requested);
        }
        return format;
    }

    private static String strength(ProviderRequest request) throws ProviderException {
        if (request.strength() != null) {
            return String.valueOf(request.strength());
        }
        String value = Optional.ofNullable(option(request, "strength")).orElse(DEFAULT_STRENGTH);
        try {
            double strength = Double.parseDouble(value);
            if (strength < 0 || strength > 1 || !Double.isFinite(strength)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProviderException.NonRetriable.badRequest("strength must be a number from 0 to 1: " + value);
        }
    }

    private static String option(ProviderRequest request, String key) {
        return blankToNull(request.options().get(key));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

}
