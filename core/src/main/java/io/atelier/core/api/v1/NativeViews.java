package io.atelier.core.api.v1;

import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The native API's JSON shapes: the Banatie document's fields, in its order and with its names,
 * followed by Atelier's additions (model, count, seed, all output images, progress …).
 */
@Component
final class NativeViews {

    private final ImageUrls urls;

    NativeViews(ImageUrls urls) {
        this.urls = urls;
    }

    /** Banatie's status vocabulary; {@code canceled} is Atelier's addition. */
    static String status(GenerationStatus status) {
        return switch (status) {
            case QUEUED -> "pending";
            case PROCESSING -> "processing";
            case SUCCEEDED -> "success";
            case FAILED -> "failed";
            case CANCELED -> "canceled";
        };
    }

    static Optional<GenerationStatus> parseStatus(String wire) {
        return switch (wire.trim().toLowerCase(Locale.ROOT)) {
            case "pending" -> Optional.of(GenerationStatus.QUEUED);
            case "processing" -> Optional.of(GenerationStatus.PROCESSING);
            case "success" -> Optional.of(GenerationStatus.SUCCEEDED);
            case "failed" -> Optional.of(GenerationStatus.FAILED);
            case "canceled", "cancelled" -> Optional.of(GenerationStatus.CANCELED);
            default -> Optional.empty();
        };
    }

    Map<String, Object> generation(Generation g, Long queuePosition) {
        Map<String, Object> out = new LinkedHashMap<>();
        StoredImage first = g.outcome().images().isEmpty() ? null : g.outcome().images().getFirst();
        out.put("id", g.id());
        out.put("projectId", g.teamId());
        out.put("prompt", g.asked().prompt());
        out.put("originalPrompt", g.asked().originalPrompt());
        out.put("autoEnhance", g.asked().autoEnhance());
        out.put("aspectRatio", g.asked().aspectRatio());
        out.put("status", status(g.status()));
        out.put("outputImageId", first == null ? null : first.id());
        out.put("outputImage", first == null ? null : image(first));
        out.put("processingTimeMs", g.timing().processingTimeMs());
        out.put("retryCount", Math.max(0, g.progress().attempts() - 1));
        out.put("errorMessage", g.outcome().errorMessage());
        out.put("meta", g.asked().meta());
        out.put("createdAt", Timestamps.iso(g.timing().createdAt()));
        out.put("updatedAt", Timestamps.iso(g.timing().updatedAt()));
        // Atelier's additions.
        out.put("errorCode", g.outcome().errorCode());
        out.put("model", g.asked().model());
        out.put("count", g.asked().count());
        out.put("size", new ImageSize(g.asked().width(), g.asked().height()).toString());
        out.put("seed", g.asked().seed());
        out.put("negativePrompt", g.asked().negativePrompt());
        out.put("template", g.asked().template());
        out.put("background", g.asked().background());
        out.put("outputImages", g.outcome().images().stream().map(this::image).toList());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("percent", g.progress().percent());
        progress.put("message", g.progress().message());
        Generation.ProgressSteps steps = g.progress().steps();
        if (steps != null) {
            progress.put("step", steps.step());
            progress.put("totalSteps", steps.totalSteps());
            progress.put("etaSeconds", steps.etaSeconds());
        }
        out.put("progress", progress);
        if (queuePosition != null) {
            out.put("queuePosition", queuePosition);
        }
        out.put("attempts", g.progress().attempts());
        out.put("source", g.source().wireName());
        out.put("public", g.asked().publicRequested());
        out.put("warnings", g.outcome().warnings());
        out.put("creditsCharged", g.billing().creditsCharged());
        out.put("startedAt", Timestamps.iso(g.timing().startedAt()));
        out.put("completedAt", Timestamps.iso(g.timing().completedAt()));
        return out;
    }

    Map<String, Object> image(StoredImage image) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", image.id());
        out.put("storageUrl", urls.urlFor(image));
        out.put("mimeType", image.mimeType());
        out.put("width", image.width());
        out.put("height", image.height());
        out.put("fileSize", image.fileSize());
        out.put("generationId", image.generationId());
        out.put("index", image.index());
        out.put("sha256", image.contentHash());
        out.put("revisedPrompt", image.revisedPrompt());
        out.put("createdAt", Timestamps.iso(image.createdAt()));
        return out;
    }

    static Map<String, Object> model(ModelDescriptor m, boolean isDefault) {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("sizes", m.capabilities().sizes().stream().map(ImageSize::toString).toList());
        caps.put("anySize", m.capabilities().anySize());
        caps.put("maxPixelSide", m.capabilities().maxPixelSide());
        caps.put("maxCount", m.capabilities().maxCount());
        caps.put("edits", m.capabilities().edits());
        caps.put("masks", m.capabilities().masks());
        caps.put("negativePrompt", m.capabilities().negativePrompt());
        caps.put("seed", m.capabilities().seed());
        caps.put("transparentBackground", m.capabilities().transparentBackground());
        caps.put("maxReferenceImages", m.capabilities().maxReferenceImages());
        caps.put("strength", m.capabilities().strength());
        caps.put("upscaleFactor", m.capabilities().upscaleFactor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("provider", m.provider());
        out.put("name", m.displayName());
        out.put("description", m.description());
        out.put("default", isDefault);
        out.put("promptLimit", m.promptLimit());
        out.put("creditCost", m.creditCost());
        out.put("capabilities", caps);
        return out;
    }

    static Map<String, Object> ok(Object data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("data", data);
        return out;
    }

    static Map<String, Object> page(List<?> items, int limit, int offset, long total, boolean hasMore) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("total", total);
        pagination.put("hasMore", hasMore);
        Map<String, Object> out = ok(items);
        out.put("pagination", pagination);
        return out;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", false);
        out.put("error", error);
        return out;
    }
}
