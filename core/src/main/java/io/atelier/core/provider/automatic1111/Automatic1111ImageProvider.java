package io.atelier.core.provider.automatic1111;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.automatic1111.internal.ExtraSingleImageRequest;
import io.atelier.core.provider.automatic1111.internal.ExtraSingleImageResponse;
import io.atelier.core.provider.automatic1111.internal.ImagesResponse;
import io.atelier.core.provider.automatic1111.internal.ProgressResponse;
import io.atelier.core.provider.automatic1111.internal.Txt2ImgRequest;
import io.atelier.core.provider.http.Masks;
import io.atelier.core.provider.http.ProgressPolls;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.HttpImageProvider;
import io.atelier.core.provider.http.ServedModels;

/**
 * The {@code automatic1111} provider: AUTOMATIC1111's web UI API ({@code --api}), also served by
 * stable-diffusion.cpp's {@code sd-server} and Forge. {@code POST /sdapi/v1/txt2img}, or
 * {@code /sdapi/v1/img2img} with {@code init_images} (and an inpainting {@code mask}) when there is an
 * image to start from, its {@code denoising_strength} the request's strength (else the option, else
 * {@code denoising-strength}). The API takes no reference images. An upscale goes to the extras tab:
 * {@code POST /sdapi/v1/extra-single-image} with the configured {@code upscaler}.
 *
 * <p>Progress: while the call runs, {@code GET /sdapi/v1/progress?skip_current_image=false} is polled
 * every {@code progress-interval} (one poll in flight at a time, failures ignored) and its
 * {@code progress}, {@code eta_relative} and {@code state.sampling_step/sampling_steps} reported, with
 * its {@code current_image} (the latent decoded so far) as a live preview ({@code live-previews}).
 * The server runs one job at a time, so its progress is the current job's.
 *
 * <p>Cancellation: when the context is canceled (or its overall deadline passes) the exchange is
 * aborted and {@code POST /sdapi/v1/interrupt} sent, so the GPU stops rendering an image nobody waits for.
 *
 * <p>Retries: none here; the resilience layer retries. A1111 is self-hosted and bills nothing, so a
 * repeated call only costs compute.
 *
 * <p>Thread-safe: one instance serves all workers.
 */
final class Automatic1111ImageProvider extends HttpImageProvider {

    static final String ID = "automatic1111";
    private static final Logger log = LoggerFactory.getLogger(Automatic1111ImageProvider.class);
    private static final long SEED_RANGE = 1L << 32;
    static final int UPSCALE_FACTOR = 2;
    static final String EXTRAS_PATH = "/sdapi/v1/extra-single-image";

    private final Automatic1111Properties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String authorization;

    Automatic1111ImageProvider(Automatic1111Properties properties) {
        this(properties, Clock.systemUTC());
    }

    Automatic1111ImageProvider(Automatic1111Properties properties, Clock clock) {
        super(ID, new ProviderHttpClient("AUTOMATIC1111", properties.connection(), clock), servedModels(properties));
        this.properties = properties;
        this.authorization = authorization(properties.apiKey());
    }

    private static ServedModels servedModels(Automatic1111Properties properties) {
        ModelCapabilities capabilities = new ModelCapabilities(List.of(), true, properties.maxPixelSide(),
                properties.maxCount(), true, true, true, true, false).withImageInputs(0, true)
                .withUpscaler(UPSCALE_FACTOR);
        return ServedModels.checkpoints(ID, properties.models(), Automatic1111Properties.DEFAULT_MODEL,
                new ServedModels.Labels("Stable Diffusion (AUTOMATIC1111)",
                        "Stable Diffusion on AUTOMATIC1111 / stable-diffusion.cpp, the checkpoint the server has loaded"),
                name -> "Stable Diffusion checkpoint " + name + " on AUTOMATIC1111 / stable-diffusion.cpp",
                capabilities, properties.promptLimit(), properties.creditCost());
    }

    /** {@code user:password} (A1111's {@code --api-auth}) as HTTP Basic; anything else as a bearer token. */
    static String authorization(String apiKey) {
        if (apiKey == null) {
            return null;
        }
        if (apiKey.contains(":")) {
            return "Basic " + Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + apiKey;
    }

    /** One GPU renders one request at a time; more in flight would only queue inside the backend. */
    @Override
    public OptionalInt defaultInFlightLimit() {
        return OptionalInt.of(1);
    }

    @Override
    protected ProviderResult generate(ProviderRequest request, ModelDescriptor model, ProviderContext context)
            throws ProviderException {
        boolean edit = request.initImage() != null;
        HttpRequest httpRequest;
        if (request.isUpscale()) {
            ExtraSingleImageRequest extras = new ExtraSingleImageRequest(
                    Base64.getEncoder().encodeToString(request.initImage().bytes()), 0, request.upscale().factor(),
                    text(request.options(), "upscaler_1", "upscaler", properties.upscaler()));
            httpRequest = builder(EXTRAS_PATH, properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(extras)))
                    .build();
        } else {
            Txt2ImgRequest body = body(request, edit);
            httpRequest = builder(edit ? "/sdapi/v1/img2img" : "/sdapi/v1/txt2img", properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
        }

        context.progress(ProviderContext.Progress.percent(0, "waiting for AUTOMATIC1111"));
        HttpResponse<byte[]> response;
        try {
            response = callWithProgress(httpRequest, context);
        } catch (ProviderException.Canceled e) {
            // Canceled, or the resilience layer's deadline passed: stop the GPU from finishing in vain.
            interrupt();
            throw e;
        } catch (ProviderException.Retriable e) {
            if ("PROVIDER_TIMEOUT".equals(e.code())) {
                // Our job is presumably still running; a refusal or reset leaves the server's (other) jobs alone.
                interrupt();
            }
            throw e;
        }
        if (response.statusCode() / 100 != 2) {
            throw http.fromStatus(response);
        }
        if (request.isUpscale()) {
            ExtraSingleImageResponse upscaled;
            try {
                upscaled = json.readValue(response.body(), ExtraSingleImageResponse.class);
            } catch (JacksonException e) {
                throw ProviderException.NonRetriable.badResponse("AUTOMATIC1111's answer is not the extra-single-image JSON", e);
            }
            if (upscaled.image() == null || upscaled.image().isBlank()) {
                throw ProviderException.NonRetriable.badResponse("AUTOMATIC1111's extras answered no image", null);
            }
            return new ProviderResult(Automatic1111Answers.pick(List.of(upscaled.image()), request), null);
        }
        ImagesResponse images;
        try {
            images = json.readValue(response.body(), ImagesResponse.class);
        } catch (JacksonException e) {
            throw ProviderException.NonRetriable.badResponse("AUTOMATIC1111's answer is not the txt2img JSON", e);
        }
        return new ProviderResult(Automatic1111Answers.pick(images.images(), request), null);
    }

    /** What this server cannot do fails before the call: what no setting changes (transparency) as unsupported, limits as bad requests. */
    @Override
    protected void check(ProviderRequest request, ModelDescriptor model) throws ProviderException {
        ModelCapabilities caps = model.capabilities();
        if (request.prompt().length() > model.promptLimit()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " takes prompts of at most " + model.promptLimit() + " characters");
        }
        if (request.count() > caps.maxCount()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " makes at most " + caps.maxCount() + " image(s) per request");
        }
        if (!caps.supports(request.size()) && !request.isUpscale()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " cannot make " + request.size() + " images");
        }
        if (request.mask() != null && request.initImage() == null) {
            throw ProviderException.NonRetriable.badRequest("a mask needs an image to edit");
        }
        if (!request.referenceImages().isEmpty()) {
            throw ProviderException.NonRetriable.badRequest(model.id() + " takes no reference images");
        }
        if ("transparent".equalsIgnoreCase(request.background())) {
            throw ProviderException.NonRetriable.unsupported(model.id() + " cannot make transparent backgrounds");
        }
    }

    private Txt2ImgRequest body(ProviderRequest request, boolean edit) throws ProviderException {
        Map<String, String> options = request.options();
        Map<String, Object> overrides = null;
        if (!Automatic1111Properties.DEFAULT_MODEL.equals(request.modelName())) {
            overrides = Map.of("sd_model_checkpoint", request.modelName());
        }
        List<String> initImages = null;
        String mask = null;
        Double denoising = null;
        if (edit) {
            initImages = List.of(Base64.getEncoder().encodeToString(request.initImage().bytes()));
            denoising = request.strength() != null ? request.strength()
                    : number(options, "denoising_strength", "denoisingStrength", properties.denoisingStrength(), 0, 1);
            if (request.mask() != null) {
                mask = Base64.getEncoder().encodeToString(Masks.whiteRepaints(request.mask()));
            }
        }
        return new Txt2ImgRequest(
                request.prompt(),
                request.negativePrompt() == null || request.negativePrompt().isBlank() ? null : request.negativePrompt(),
                Math.floorMod(request.seed(), SEED_RANGE),
                request.size().width(),
                request.size().height(),
                request.count(),
                1,
                (int) number(options, "steps", "steps", properties.steps(), 1, 500),
                number(options, "cfg_scale", "cfgScale", properties.cfgScale(), 0, 50),
                text(options, "sampler_name", "sampler", properties.sampler()),
                text(options, "scheduler", "scheduler", properties.scheduler()),
                overrides,
                overrides == null ? null : Boolean.FALSE,
                Boolean.TRUE,
                Boolean.FALSE,
                initImages,
                mask,
                denoising,
                mask == null ? null : 4,
                mask == null ? null : 1,
                mask == null ? null : Boolean.FALSE);
    }

    /** An option by its A1111 name or the native API's camelCase name. */
    private static String option(Map<String, String> options, String wireName, String nativeName) {
        String value = options.get(wireName);
        return value != null && !value.isBlank() ? value : options.get(nativeName);
    }

    private static String text(Map<String, String> options, String key, String nativeName, String fallback) {
        String value = option(options, key, nativeName);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static double number(Map<String, String> options, String key, String nativeName, double fallback, double min, double max)
            throws ProviderException {
        String value = option(options, key, nativeName);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed < min || parsed > max || !Double.isFinite(parsed)) {
                throw ProviderException.NonRetriable.badRequest(key + " must be " + min + "-" + max + ": " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProviderException.NonRetriable.badRequest(key + " must be a number: " + value);
        }
    }

    private HttpRequest.Builder builder(String path, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "Atelier");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /**
     * Runs the generation call while {@code /sdapi/v1/progress} is polled every {@code progress-interval}
     * ({@link ProgressPolls}); the call is waited for by the kit, so a cancel ends it at once.
     */
    private HttpResponse<byte[]> callWithProgress(HttpRequest request, ProviderContext context) throws ProviderException {
        try (ProgressPolls polls = ProgressPolls.every(properties.progressInterval(), () -> pollProgress(context))) {
            return http.exchange(request, context);
        }
    }

    private CompletableFuture<Void> pollProgress(ProviderContext context) {
        String path = "/sdapi/v1/progress?skip_current_image=" + !properties.livePreviews();
        HttpRequest request = builder(path, properties.progressInterval().plusSeconds(5)).GET().build();
        return http.client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenAccept(response -> {
                    if (response.statusCode() != 200) {
                        return;
                    }
                    ProgressResponse progress = json.readValue(response.body(), ProgressResponse.class);
                    Automatic1111Answers.report(progress, context);
                })
                .exceptionally(failure -> {
                    log.debug("AUTOMATIC1111 progress poll failed: {}", failure.toString());
                    return null;
                });
    }

    /** Best effort: tells the server to stop the job it is running. */
    private void interrupt() {
        HttpRequest request = builder("/sdapi/v1/interrupt", Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            http.client().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("AUTOMATIC1111 interrupt failed: {}", e.toString());
        }
        if (Thread.currentThread().isInterrupted()) {
            // send() returns at once on an interrupted thread; fire and forget instead.
            http.client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
        }
    }
}
