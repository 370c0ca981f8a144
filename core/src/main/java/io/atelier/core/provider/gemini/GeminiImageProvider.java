package io.atelier.core.provider.gemini;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.gemini.internal.GenerateContentRequest;
import io.atelier.core.provider.gemini.internal.GenerateContentResponse;
import io.atelier.core.provider.http.HostedErrors;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.http.HttpImageProvider;
import io.atelier.core.provider.http.ServedModels;

/**
 * The {@code gemini} provider: Gemini image models through the Gemini API's
 * {@code POST {base-url}/models/{model}:generateContent} with {@code responseModalities: ["IMAGE"]} and
 * {@code imageConfig} ({@code aspectRatio}, and {@code imageSize} 1K/2K/4K for Gemini 3 image models),
 * authenticated with {@code x-goog-api-key}. Image inputs travel as {@code inline_data} parts after
 * the prompt: the init image (the image to edit) first, then the reference images (Gemini 3 image
 * models take up to 14, Gemini 2.5 Flash Image 3). Gemini has no strength: the prompt says how far to go.
 *
 * <p>Why direct HTTP rather than LangChain4j's {@code GoogleAiGeminiImageModel}: that class fixes the
 * aspect ratio and image size when it is built (one instance per shape), retries on its own with no
 * {@code Retry-After} and no regard for billing, cannot be canceled, reports a blocked answer only as
 * an exception text rather than its {@code finishReason} / {@code blockReason}, and takes at most one
 * image to edit ("TODO: reference images" in its source). We need each of those.
 *
 * <p>Errors: {@code finishReason} {@code SAFETY}, {@code IMAGE_SAFETY}, {@code PROHIBITED_CONTENT},
 * {@code IMAGE_PROHIBITED_CONTENT}, {@code BLOCKLIST}, {@code SPII}, {@code RECITATION},
 * {@code IMAGE_RECITATION}, and any {@code promptFeedback.blockReason}, are content-policy failures
 * ({@code CONTENT_POLICY_VIOLATION}); an answer with no image otherwise ({@code NO_IMAGE},
 * {@code IMAGE_OTHER}, text only) is {@code PROVIDER_BAD_RESPONSE} with the model's words. HTTP errors
 * use Google's {@code {error:{code, message, status, details}}}: {@code API_KEY_INVALID},
 * {@code UNAUTHENTICATED} and {@code PERMISSION_DENIED} are auth failures, 429 is rate limited with
 * {@code Retry-After} or the {@code RetryInfo.retryDelay} detail, 5xx unavailable.
 *
 * <p>Retries and billing: Gemini bills each answered image and has no idempotency key. Each image is
 * one call run under the {@link RetryPolicy} through {@link ProviderHttpClient#billable}: error
 * statuses (429, 5xx) and connections never made are retried; a timeout or reset after the request
 * was sent is not, since the lost answer may have been billed.
 *
 * <p>Count and progress: a call answers one image, so {@code count} images take {@code count} calls in
 * turn; progress reports {@code step i of count}. Gemini itself reports no progress.
 *
 * <p>Thread-safe: one instance serves all workers. {@link #close()} aborts calls in flight.
 */
final class GeminiImageProvider extends HttpImageProvider {

    static final String ID = "gemini";
    static final String BACKEND = "Gemini";

    /** Finish and block reasons that mean: refused on safety or policy grounds. */
    static final Set<String> POLICY_REASONS = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT",
            "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION");

    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

    private final GeminiProviderProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RetryPolicy retryPolicy;

    GeminiImageProvider(GeminiProviderProperties properties) {
        super(ID, new ProviderHttpClient(BACKEND, properties.connection(), Clock.systemUTC()),
                new ServedModels(ID, properties.models(), name -> GeminiModels.describe(name, properties.creditCosts())));
        this.properties = properties;
        this.retryPolicy = properties.retryPolicy();
    }

    @Override
    protected ProviderResult generate(ProviderRequest request, ModelDescriptor model, ProviderContext context)
            throws ProviderException {
        GeminiModels.Family family = GeminiModels.familyOf(request.modelName());
        GeminiModels.Shape shape = family.shape(request.size()).orElseThrow(() ->
                ProviderException.NonRetriable.badRequest(model.id() + " cannot make " + request.size() + " images"));
        HttpRequest httpRequest = httpRequest(request, family, shape);

        List<ProviderResult.GeneratedImage> images = new ArrayList<>(request.count());
        String responseId = null;
        for (int i = 0; i < request.count(); i++) {
            context.progress(new ProviderContext.Progress(i * 100 / request.count(), i, request.count(), null,
                    "Gemini is drawing image " + (i + 1) + " of " + request.count()));
            HttpResponse<byte[]> answer = ProviderHttpClient.billable(retryPolicy, context,
                    attempt -> http.send(httpRequest, context, this::fromStatus));
            GenerateContentResponse response = parse(answer.body());
            images.add(image(response, request));
            if (responseId == null) {
                responseId = response.responseId();
            }
        }
        context.progress(new ProviderContext.Progress(100, request.count(), request.count(), Duration.ZERO, "done"));
        return new ProviderResult(images, responseId);
    }

    private HttpRequest httpRequest(ProviderRequest request, GeminiModels.Family family, GeminiModels.Shape shape) {
        List<GenerateContentRequest.Part> parts = new ArrayList<>();
        parts.add(GenerateContentRequest.Part.text(request.prompt()));
        if (request.initImage() != null) {
            parts.add(inline(request.initImage()));
        }
        for (ProviderRequest.SourceImage reference : request.referenceImages()) {
            parts.add(inline(reference));
        }
        GenerateContentRequest body = new GenerateContentRequest(
                List.of(new GenerateContentRequest.Content("user", parts)),
                new GenerateContentRequest.GenerationConfig(List.of("IMAGE"),
                        new GenerateContentRequest.ImageConfig(shape.aspectRatio(),
                                family.takesImageSize() ? shape.resolution().wireName() : null)));
        URI uri = URI.create(properties.baseUrl() + "/models/"
                + URLEncoder.encode(request.modelName(), StandardCharsets.UTF_8) + ":generateContent");
        return HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "Atelier")
                .header("x-goog-api-key", properties.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
    }

    private static GenerateContentRequest.Part inline(ProviderRequest.SourceImage image) {
        return GenerateContentRequest.Part.inline(image.mimeType(), Base64.getEncoder().encodeToString(image.bytes()));
    }

    /** Google's error body: {@code {error:{code, message, status, details:[{@type, reason | retryDelay}]}}}. */
    ProviderException fromStatus(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String message = null;
        String rpcStatus = null;
        String reason = null;
        Duration retryDelay = null;
        try {
            JsonNode error = json.readTree(response.body()).path("error");
            message = text(error.get("message"));
            rpcStatus = text(error.get("status"));
            for (JsonNode detail : error.path("details")) {
                if (reason == null) {
                    reason = text(detail.get("reason"));
                }
                String delay = text(detail.get("retryDelay"));
                Matcher m = delay == null ? null : DELAY.matcher(delay);
                if (m != null && m.matches()) {
                    retryDelay = Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000));
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // not Google's JSON (a proxy's page): the status says enough
        }
        String upstream = rpcStatus == null ? message : message == null ? rpcStatus : rpcStatus + ": " + message;
        if ("API_KEY_INVALID".equals(reason) || "UNAUTHENTICATED".equals(rpcStatus) || "PERMISSION_DENIED".equals(rpcStatus)) {
            return ProviderException.NonRetriable.authentication(
                    http.describe(BACKEND + " refused the API key (HTTP " + status + ")", upstream, null));
        }
        if (status == 429) {
            Duration wait = http.retryAfter(response.headers()).orElse(retryDelay);
            return ProviderException.Retriable.rateLimited(http.describe(BACKEND + " answered HTTP 429", upstream, null), wait);
        }
        return http.fromStatus(status, response.headers(), upstream, null);
    }

    private GenerateContentResponse parse(byte[] body) throws ProviderException {
        try {
            return json.readValue(body, GenerateContentResponse.class);
        } catch (JacksonException e) {
            throw HostedErrors.badResponse("Gemini's answer is not generateContent JSON");
        }
    }

    /** The first non-thought image of the first candidate, or the failure the answer describes. */
    private ProviderResult.GeneratedImage image(GenerateContentResponse response, ProviderRequest request)
            throws ProviderException {
        String id = response.responseId();
        if (response.promptFeedback() != null && response.promptFeedback().blockReason() != null) {
            String reason = response.promptFeedback().blockReason();
            throw ProviderException.NonRetriable.contentPolicy(http.describe(
                    "Gemini blocked the prompt (" + reason + ")", response.promptFeedback().blockReasonMessage(), id));
        }
        if (response.candidates().isEmpty()) {
            throw HostedErrors.badResponse(http.describe("Gemini answered no candidate", null, id));
        }
        GenerateContentResponse.Candidate candidate = response.candidates().getFirst();
        StringBuilder text = new StringBuilder();
        if (candidate.content() != null) {
            for (GenerateContentResponse.Part part : candidate.content().parts()) {
                if (part.isThought()) {
                    continue;
                }
                if (part.inlineData() != null && part.inlineData().data() != null) {
                    byte[] bytes = HostedErrors.decodeBase64(BACKEND, part.inlineData().data());
                    return HostedErrors.image(BACKEND, bytes, request.size(), null);
                }
                if (part.text() != null) {
                    text.append(text.isEmpty() ? "" : " ").append(part.text());
                }
            }
        }
        String finish = candidate.finishReason() == null ? "" : candidate.finishReason().toUpperCase(Locale.ROOT);
        String words = candidate.finishMessage() != null ? candidate.finishMessage() : text.isEmpty() ? null : text.toString();
        if (POLICY_REASONS.contains(finish)) {
            throw ProviderException.NonRetriable.contentPolicy(
                    http.describe("Gemini refused to draw this (" + finish + ")", words, id));
        }
        throw HostedErrors.badResponse(http.describe("Gemini answered without an image"
                + (finish.isEmpty() ? "" : " (" + finish + ")"), words, id));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        String value = node.asString();
        return value == null || value.isBlank() ? null : value;
    }
}
