package io.atelier.core.api.v0;

import io.atelier.core.api.JsonFieldException;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationService.GeneratedImage;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The v0 wire shapes of generations and library images, as plain maps (the document's field names,
 * in its order). Image URLs are built on a base URL the caller captured on the request thread, since
 * sync answers are rendered on whichever thread finishes the generation.
 */
@Component
class V0Views {

    /** {@code response_format}: URL only (default), base64 only, or both. */
    enum Format {
        URL, B64_JSON, BOTH;

        boolean url() {
            return this != B64_JSON;
        }

        boolean base64() {
            return this != URL;
        }

        /**
         * From the query: {@code response_format=url|b64_json|both}; {@code include_base64=true|1} adds
         * base64 (an alias for {@code both}; with {@code b64_json} the answer stays base64 only).
         */
        static Format of(String responseFormat, String includeBase64) {
            Format format = URL;
            if (responseFormat != null) {
                format = switch (responseFormat) {
                    case "url" -> URL;
                    case "b64_json" -> B64_JSON;
                    case "both" -> BOTH;
                    default -> throw new JsonFieldException("response_format", "response_format must be url, b64_json or both");
                };
            }
            boolean include = V0Flags.flag("include_base64", includeBase64);
            return include && format == URL ? BOTH : format;
        }
    }

    private final GenerationService generations;

    V0Views(GenerationService generations) {
        this.generations = generations;
    }

    /** The v0 status vocabulary: queued, active, completed, failed (a cancel reads as failed). */
    static String status(GenerationStatus s) {
        return switch (s) {
            case QUEUED -> "queued";
            case PROCESSING -> "active";
            case SUCCEEDED -> "completed";
            case FAILED, CANCELED -> "failed";
        };
    }

    /** {@code {id, status:"queued", created, model}}: the async answer. */
    Map<String, Object> queued(Generation g) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.id());
        v.put("status", "queued");
        v.put("created", g.timing().createdAt().getEpochSecond());
        v.put("model", g.asked().model());
        return v;
    }

    /** A job as the poll and the sync answer show it; failed jobs are {@code {id, status:"failed", error}}. */
    Map<String, Object> generation(Generation g, String base, Format format) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.id());
        v.put("status", status(g.status()));
        if (g.status() == GenerationStatus.FAILED || g.status() == GenerationStatus.CANCELED) {
            v.put("error", g.outcome().errorMessage() == null ? "Generation failed" : g.outcome().errorMessage());
            return v;
        }
        v.put("created", g.timing().createdAt().getEpochSecond());
        v.put("model", g.asked().model());
        if (g.status() == GenerationStatus.SUCCEEDED) {
            List<Map<String, Object>> images = new ArrayList<>();
            for (StoredImage image : g.outcome().images()) {
                images.add(image(image, base, format));
            }
            v.put("data", images);
            v.put("usage", Map.of("credits", g.billing().creditsCharged()));
        }
        if (!g.outcome().warnings().isEmpty()) {
            v.put("warnings", g.outcome().warnings());
        }
        return v;
    }

    private Map<String, Object> image(StoredImage image, String base, Format format) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("id", image.id());
        if (format.url()) {
            i.put("url", url(base, image));
        }
        if (format.base64()) {
            i.put("b64_json", base64(image));
            i.put("mimeType", image.mimeType());
        }
        i.put("storageKey", storageKey(image));
        i.put("width", image.width());
        i.put("height", image.height());
        return i;
    }

    /** A library list entry. */
    Map<String, Object> libraryItem(GeneratedImage entry, String base) {
        Generation g = entry.generation();
        StoredImage image = entry.image();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", image.id());
        v.put("url", url(base, image));
        v.put("thumbnailUrl", url(base, image));
        v.put("width", image.width());
        v.put("height", image.height());
        v.put("presetId", g.asked().presetId());
        v.put("modelVersion", g.asked().model());
        v.put("userPrompt", userPrompt(g));
        v.put("isPublic", g.asked().publicRequested());
        v.put("createdAt", image.createdAt().toString());
        return v;
    }

    /** A library image with its metadata ({@code GET /v0/images/library/:imageId}). */
    Map<String, Object> libraryDetail(GeneratedImage entry, String base) {
        Generation g = entry.generation();
        StoredImage image = entry.image();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", image.id());
        v.put("presetId", g.asked().presetId());
        v.put("prompt", g.asked().prompt());
        v.put("userPrompt", userPrompt(g));
        v.put("modelVersion", g.asked().model());
        v.put("variables", variables(g));
        v.put("sourceType", null);
        v.put("isPublic", g.asked().publicRequested());
        v.put("url", url(base, image));
        v.put("thumbnailUrl", url(base, image));
        v.put("width", image.width());
        v.put("height", image.height());
        v.put("createdAt", image.createdAt().toString());
        return v;
    }

    /**
     * What the user typed: the v0 request's own {@code prompt} (null when a preset alone made the
     * prompt); for generations made elsewhere, the prompt as written.
     */
    private static String userPrompt(Generation g) {
        if (g.source() == GenerationSource.V0 || "v0".equals(g.asked().requestAsGiven().get("dialect"))) {
            Object prompt = g.asked().requestAsGiven().get("prompt");
            return prompt instanceof String s && !s.isBlank() ? s : null;
        }
        return g.asked().originalPrompt();
    }

    private static Map<String, Object> variables(Generation g) {
        Object variables = g.asked().requestAsGiven().get("variables");
        if (variables instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val));
            return out;
        }
        return Map.of();
    }

    static String url(String base, StoredImage image) {
        return base + ImageUrls.FILES_PATH + image.urlToken() + "." + image.extension();
    }

    /** The key of the bytes in the content-addressed image store: their SHA-256, with the file type. */
    static String storageKey(StoredImage image) {
        return image.contentHash() + "." + image.extension();
    }

    private String base64(StoredImage image) {
        byte[] bytes = generations.readImage(image).orElseThrow(() ->
                new UncheckedIOException(new IOException("the bytes of image " + image.id() + " are missing")));
        return Base64.getEncoder().encodeToString(bytes);
    }
}
