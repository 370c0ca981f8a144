package io.atelier.core.provider.replicate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.CancellableWait;
import io.atelier.core.provider.http.HostedErrors;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.HttpImageProvider;
import io.atelier.core.provider.http.ServedModels;
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
final class ReplicateImageProvider extends HttpImageProvider {

    static final String ID = "replicate";
    static final String BACKEND = "Replicate";
    private static final Pattern POLICY_WORDS = Pattern.compile("(?i)nsfw|safety|sensitive|content policy|flagged");

    private final ReplicateProviderProperties properties;
    private final ReplicateApi api;
    private final RetryPolicy retryPolicy;

    ReplicateImageProvider(ReplicateProviderProperties properties, SafeHttpFetcher fetcher) {
        super(ID, new ProviderHttpClient(BACKEND, properties.connection(), Clock.systemUTC()),
                new ServedModels(ID, properties.models(), name -> ReplicateModels.describe(name, properties.creditCosts())));
        this.properties = properties;
        this.api = new ReplicateApi(properties, fetcher, http);
        this.retryPolicy = properties.retryPolicy();
    }

    @Override
    protected ProviderResult generate(ProviderRequest request, ModelDescriptor model, ProviderContext context)
            throws ProviderException {
        ReplicateModels.Family family = ReplicateModels.familyOf(request.modelName());
        Map<String, Object> input = input(request, family, model, context);

        context.progress(ProviderContext.Progress.percent(0, "sending to Replicate"));
        Prediction prediction = api.create(request.modelName(), input, context);
        long deadline = System.nanoTime() + properties.maxDuration().toNanos();
        while (!prediction.isTerminal()) {
            if (context.isCancelled() || Thread.currentThread().isInterrupted()) {
                api.cancel(prediction);
                throw new ProviderException.Canceled();
            }
            if (System.nanoTime() > deadline) {
                api.cancel(prediction);
                throw ProviderException.Retriable.timeout("the Replicate prediction " + prediction.id()
                        + " did not finish within " + properties.maxDuration() + " (atelier.providers.replicate.max-duration);"
                        + " it was canceled", null);
            }
            ReplicateProgress.report(prediction, context);
            Prediction current = prediction;
            try {
                CancellableWait.pause(context, properties.pollInterval());
                prediction = retryPolicy.execute(context, attempt -> api.get(current, context));
            } catch (ProviderException.Canceled e) {
                api.cancel(current);
                throw e;
            }
        }
        return finish(prediction, request, context);
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
            input.put("image", api.fileInput(request.initImage(), context));
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
                    : retryPolicy.execute(context, attempt -> api.download(url));
            images.add(HostedErrors.image(BACKEND, bytes, request.size(), null));
        }
        context.progress(new ProviderContext.Progress(100, 0, 0, Duration.ZERO, "done"));
        return new ProviderResult(images, id);
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

}
