package io.atelier.core.api.v0;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.Resolution;
import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The v0 dialect ({@code /v0/images/generations}), JSON bodies only in this first cut. Sync by
 * default: the answer waits (no thread blocks) up to {@code atelier.v0.sync-timeout} (180 s), then 504 with
 * the job id while the job keeps running; {@code ?async=true|1} answers at once with {@code queued}.
 */
@RestController
@RequestMapping("/v0/images/generations")
class V0GenerationsController {

    /** Exactly the 18 ratios of the v0 document; anything else is a 400. */
    static final Set<String> ASPECT_RATIOS = Set.of("1:1", "1:2", "1:4", "1:8", "2:1", "2:3", "3:2", "3:4", "4:1",
            "4:3", "4:5", "5:4", "8:1", "9:16", "9:19.5", "16:9", "19.5:9", "21:9");

    private final GenerationService generations;
    private final ImageUrls urls;
    private final Duration syncTimeout;

    V0GenerationsController(GenerationService generations, ImageUrls urls, V0Properties properties) {
        this.generations = generations;
        this.urls = urls;
        this.syncTimeout = properties.syncTimeout();
    }

    @PostMapping
    CompletableFuture<ResponseEntity<Map<String, Object>>> create(
            Caller caller,
            @RequestBody(required = false) JsonNode body,
            @RequestParam(value = "async", required = false) String async) {
        Generation created = generations.submit(caller, toRequest(JsonBody.of(body)));
        if ("true".equals(async) || "1".equals(async)) {
            Map<String, Object> queued = new LinkedHashMap<>();
            queued.put("id", created.id());
            queued.put("status", "queued");
            queued.put("created", created.createdAt().getEpochSecond());
            queued.put("model", created.model());
            return CompletableFuture.completedFuture(ResponseEntity.ok(Map.of("data", queued)));
        }
        return generations.awaitFinished(caller, created.id(), syncTimeout)
                .thenApply(g -> g.status().isTerminal()
                        ? ResponseEntity.ok(Map.<String, Object>of("data", view(g)))
                        : ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(Map.<String, Object>of(
                                "error", "Generation timed out after " + syncTimeout.toSeconds() + "s",
                                "jobId", g.id(),
                                "hint", "GET /v0/images/generations/" + g.id() + " to check status")));
    }

    @GetMapping("/{jobId}")
    Map<String, Object> get(Caller caller, @PathVariable String jobId) {
        return Map.of("data", view(generations.get(caller, jobId)));
    }

    private Map<String, Object> view(Generation g) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.id());
        v.put("status", status(g.status()));
        if (g.status() == GenerationStatus.FAILED || g.status() == GenerationStatus.CANCELED) {
            v.put("error", g.errorMessage() == null ? "Generation failed" : g.errorMessage());
            return v;
        }
        v.put("created", g.createdAt().getEpochSecond());
        v.put("model", g.model());
        if (g.status() == GenerationStatus.SUCCEEDED) {
            List<Map<String, Object>> images = new ArrayList<>();
            for (StoredImage image : g.images()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("id", image.id());
                i.put("url", urls.urlFor(image));
                i.put("width", image.width());
                i.put("height", image.height());
                images.add(i);
            }
            v.put("data", images);
            v.put("usage", Map.of("credits", g.creditsCharged()));
        }
        return v;
    }

    private static String status(GenerationStatus s) {
        return switch (s) {
            case QUEUED -> "queued";
            case PROCESSING -> "active";
            case SUCCEEDED -> "completed";
            case FAILED, CANCELED -> "failed";
        };
    }

    private static GenerationRequest toRequest(JsonBody json) {
        boolean hasPreset = json.string("presetId").filter(id -> !id.isBlank()).isPresent();
        String prompt = hasPreset ? json.string("prompt").orElse(null) : json.requiredString("prompt");
        GenerationRequest.Builder b = GenerationRequest.builder(GenerationSource.V0).prompt(prompt);
        json.string("presetId").filter(id -> !id.isBlank()).ifPresent(b::presetId);
        json.objectAsMap("variables").ifPresent(b::variables);
        json.string("negativePrompt").ifPresent(b::negativePrompt);
        json.string("modelVersion").ifPresent(b::model);
        json.integer("sampleCount", 1, 10).ifPresent(b::count);
        json.bool("isPublic").ifPresent(b::publicRequested);
        json.string("aspectRatio").ifPresent(text -> {
            if (!ASPECT_RATIOS.contains(text)) {
                throw new JsonFieldException("aspectRatio", "aspectRatio must be one of " + String.join(", ",
                        List.of("1:1", "1:2", "1:4", "1:8", "2:1", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4",
                                "8:1", "9:16", "9:19.5", "16:9", "19.5:9", "21:9")));
            }
            b.aspectRatio(AspectRatio.parse(text).orElseThrow());
        });
        json.string("resolution").ifPresent(text -> b.resolution(switch (text) {
            case "low", "standard" -> Resolution.parse("1K").orElseThrow();
            case "high" -> Resolution.parse("2K").orElseThrow();
            case "4k" -> Resolution.parse("4K").orElseThrow();
            default -> throw new JsonFieldException("resolution", "resolution must be low, standard, high or 4k");
        }));
        return b.build();
    }
}
