package io.atelier.core.api.openai;

import io.atelier.core.routing.ModelHeader;
import io.atelier.core.api.openai.OpenAiRequestMapper.PreparedRequest;
import io.atelier.core.api.openai.OpenAiRequestMapper.ResponseFormat;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The Images API answer for a generation once the wait is over: its images when it succeeded, else
 * OpenAI's error for how it ended (see {@link #failure}), or 504 with the generation id when it is
 * still running.
 */
@Component
class OpenAiImagesView {

    /** Response header naming the Atelier generation behind an Images API answer (success or error). */
    static final String GENERATION_ID_HEADER = "X-Atelier-Generation-Id";

    private final GenerationService generations;
    private final ImageUrls urls;

    OpenAiImagesView(GenerationService generations, ImageUrls urls) {
        this.generations = generations;
        this.urls = urls;
    }

    /**
     * The answer for {@code generation} as it is after the wait.
     *
     * @throws OpenAiApiException when it failed, was canceled or is still running
     */
    ResponseEntity<OpenAiWire.ImagesResponse> render(Generation generation, PreparedRequest prepared, Duration waited) {
        return switch (generation.status()) {
            case SUCCEEDED -> ResponseEntity.ok().header(GENERATION_ID_HEADER, generation.id())
                    .header(ModelHeader.NAME, generation.asked().model())
                    .body(images(generation, prepared));
            case FAILED -> throw failure(generation);
            case CANCELED -> throw OpenAiApiException.builder(HttpStatus.CONFLICT, "The generation " + generation.id()
                            + " was canceled before it finished.")
                    .code("generation_canceled").noRetry().header(GENERATION_ID_HEADER, generation.id()).build();
            case QUEUED, PROCESSING -> throw stillRunning(generation.id(), waited);
        };
    }

    private OpenAiWire.ImagesResponse images(Generation generation, PreparedRequest prepared) {
        ResponseFormat format = prepared.responseFormat();
        List<StoredImage> stored = new ArrayList<>(generation.outcome().images());
        stored.sort(Comparator.comparingInt(StoredImage::index));
        List<OpenAiWire.ImageData> data = new ArrayList<>(stored.size());
        for (StoredImage image : stored) {
            data.add(new OpenAiWire.ImageData(
                    format.url() ? urls.urlFor(image) : null,
                    format.b64() ? base64(image) : null,
                    image.revisedPrompt() != null ? image.revisedPrompt() : generation.asked().prompt()));
        }
        Instant created = generation.timing().completedAt() != null ? generation.timing().completedAt()
                : generation.timing().createdAt();
        if (!prepared.model().gptImageFamily() || stored.isEmpty()) {
            return new OpenAiWire.ImagesResponse(created.getEpochSecond(), data, null, null, null);
        }
        // GPT Image answers describe the output: background (when chosen), format and size.
        StoredImage first = stored.getFirst();
        String background = generation.asked().background() == null || generation.asked().background().equals("auto")
                ? null : generation.asked().background();
        return new OpenAiWire.ImagesResponse(created.getEpochSecond(), data, background, first.extension().equals("jpg")
                ? "jpeg" : first.extension(), first.width() + "x" + first.height());
    }

    /** The image's stream, opened now (a missing image fails before the answer starts), encoded while written. */
    private StoredImageBase64 base64(StoredImage image) {
        InputStream in = generations.openImage(image).orElseThrow(() -> new IllegalStateException("image "
                + image.id() + " of generation " + image.generationId() + " is missing from storage"));
        return new StoredImageBase64(in);
    }

    /** 504 while the generation keeps running: the answer names it so the client can fetch it later. */
    static OpenAiApiException stillRunning(String generationId, Duration waited) {
        return OpenAiApiException.builder(HttpStatus.GATEWAY_TIMEOUT, "The image is still being generated after "
                        + waited.toSeconds() + " seconds; Atelier keeps working on it. Hint: fetch the result later with "
                        + "GET /api/v1/generations/" + generationId + " (generation id " + generationId + ").")
                .code("timeout").noRetry().header(GENERATION_ID_HEADER, generationId).build();
    }

    /**
     * OpenAI's error for a failed generation, by its error code:
     * <table>
     * <caption>failure mapping</caption>
     * <tr><th>error code</th><th>status</th><th>OpenAI code</th></tr>
     * <tr><td>CONTENT_POLICY_VIOLATION</td><td>400</td><td>content_policy_violation</td></tr>
     * <tr><td>PROVIDER_BAD_REQUEST</td><td>400</td><td>invalid_request</td></tr>
     * <tr><td>UNSUPPORTED_IMAGE</td><td>400</td><td>invalid_image (param image)</td></tr>
     * <tr><td>PROVIDER_UNAVAILABLE, PROVIDER_BAD_RESPONSE, PROVIDER_ERROR, PROVIDER_AUTH_FAILED,
     * PROVIDER_MODEL_NOT_FOUND</td><td>502</td><td>the code in lower case</td></tr>
     * <tr><td>PROVIDER_RATE_LIMITED, PROVIDER_QUOTA_EXCEEDED, MODEL_UNAVAILABLE</td><td>503</td><td>the code in lower case</td></tr>
     * <tr><td>PROVIDER_TIMEOUT</td><td>504</td><td>provider_timeout</td></tr>
     * <tr><td>anything else (WORKER_GAVE_UP, INTERNAL_ERROR …)</td><td>500</td><td>the code in lower case</td></tr>
     * </table>
     * A failed generation was refunded, so a client's retry of a 5xx starts a fresh, fairly charged one.
     */
    static OpenAiApiException failure(Generation generation) {
        String code = generation.outcome().errorCode() == null ? "INTERNAL_ERROR" : generation.outcome().errorCode();
        String detail = generation.outcome().errorMessage() == null ? "the generation failed"
                : generation.outcome().errorMessage();
        String suffix = " (generation " + generation.id() + ")";
        OpenAiApiException.Builder error = switch (code) {
            case "CONTENT_POLICY_VIOLATION" -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST,
                            "Your request was rejected as a result of our safety system: " + detail + suffix)
                    .code("content_policy_violation").noRetry();
            case "PROVIDER_BAD_REQUEST" -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, detail + suffix)
                    .code("invalid_request").noRetry();
            case "UNSUPPORTED_IMAGE" -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, detail + suffix)
                    .param("image").code("invalid_image").noRetry();
            case "PROVIDER_UNAVAILABLE", "PROVIDER_BAD_RESPONSE", "PROVIDER_ERROR", "PROVIDER_AUTH_FAILED",
                 "PROVIDER_MODEL_NOT_FOUND" -> OpenAiApiException.builder(HttpStatus.BAD_GATEWAY, detail + suffix)
                    .code(code.toLowerCase(Locale.ROOT));
            case "PROVIDER_RATE_LIMITED", "PROVIDER_QUOTA_EXCEEDED", "MODEL_UNAVAILABLE" ->
                    OpenAiApiException.builder(HttpStatus.SERVICE_UNAVAILABLE, detail + suffix)
                            .code(code.toLowerCase(Locale.ROOT));
            case "PROVIDER_TIMEOUT" -> OpenAiApiException.builder(HttpStatus.GATEWAY_TIMEOUT, detail + suffix)
                    .code("provider_timeout");
            default -> OpenAiApiException.builder(HttpStatus.INTERNAL_SERVER_ERROR, detail + suffix)
                    .code(code.toLowerCase(Locale.ROOT));
        };
        return error.header(GENERATION_ID_HEADER, generation.id()).build();
    }
}
