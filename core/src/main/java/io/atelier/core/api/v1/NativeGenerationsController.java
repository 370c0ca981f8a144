package io.atelier.core.api.v1;

import io.atelier.core.routing.ModelHeader;
import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.SubmitAndWait;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.Resolution;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The native generations API ({@code /api/v1/generations}): Banatie's document plus Atelier's
 * fields. Creation is asynchronous (201 with {@code pending}); {@code Prefer: wait=N} (RFC 7240)
 * holds the response up to N seconds (at most {@value #MAX_WAIT_SECONDS}) and answers with the
 * finished generation when it finishes in time, else with its state then. No thread waits.
 */
@RestController
@RequestMapping("/api/v1/generations")
class NativeGenerationsController {

    static final int MAX_WAIT_SECONDS = 300;
    /** The most reference images a request carries (Gemini 3 takes 14; each model takes what it can). */
    static final int MAX_REFERENCE_IMAGES = 16;
    private static final Pattern PREFER_WAIT = Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,9})\"?");

    private final GenerationService generations;
    private final SubmitAndWait submitAndWait;
    private final NativeViews views;

    NativeGenerationsController(GenerationService generations, SubmitAndWait submitAndWait, NativeViews views) {
        this.generations = generations;
        this.submitAndWait = submitAndWait;
        this.views = views;
    }

    @PostMapping
    CompletableFuture<ResponseEntity<Map<String, Object>>> create(
            Caller caller,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(value = "Prefer", required = false) String prefer,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        GenerationRequest request = toRequest(JsonBody.of(body), body, idempotencyKey);
        return submitAndWait.answerWhenEnded(caller, request, Duration.ofSeconds(waitSeconds(prefer)),
                (submitted, ended) -> created(ended, generations.queuePosition(ended)));
    }

    private ResponseEntity<Map<String, Object>> created(Generation g, long queuePosition) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(ModelHeader.NAME, g.asked().model())
                .location(URI.create("/api/v1/generations/" + g.id()))
                .body(NativeViews.ok(views.generation(g, g.status() == GenerationStatus.QUEUED ? queuePosition : null)));
    }

    static int waitSeconds(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher m = PREFER_WAIT.matcher(prefer.toLowerCase());
        if (!m.find()) {
            return 0;
        }
        long seconds = Long.parseLong(m.group(1));
        return (int) Math.min(seconds, MAX_WAIT_SECONDS);
    }

    /**
     * The body of {@code POST /api/v1/generations}: Banatie's fields ({@code prompt}, {@code aspectRatio},
     * {@code autoEnhance}, {@code enhancementOptions.template}, {@code meta}), the v0-style preset fields
     * ({@code presetId}, {@code variables}, {@code files}) and Atelier's ({@code model}, {@code count},
     * {@code parseInlineParameters}, {@code useBrandKit} …). {@code prompt} may be omitted with a preset.
     */
    private static GenerationRequest toRequest(JsonBody json, JsonNode raw, String idempotencyHeader) {
        Optional<String> presetId = json.string("presetId").filter(id -> !id.isBlank());
        String prompt = presetId.isPresent() ? json.string("prompt").orElse(null) : json.requiredString("prompt");
        GenerationRequest.Builder b = GenerationRequest.builder(GenerationSource.API).prompt(prompt);
        presetId.ifPresent(b::presetId);
        PromptJson.variables(raw, "variables").ifPresent(b::variables);
        PromptJson.files(raw, "files").ifPresent(b::files);
        json.bool("parseInlineParameters").ifPresent(b::parseInlineParameters);
        json.bool("useBrandKit").ifPresent(b::useBrandKit);
        json.string("model").ifPresent(b::model);
        json.integer("count", 1, 10).ifPresent(b::count);
        json.string("aspectRatio").ifPresent(text -> b.aspectRatio(AspectRatio.parse(text).orElseThrow(() ->
                new JsonFieldException("aspectRatio", "aspectRatio must be W:H with a ratio between 1:8 and 8:1, e.g. 1:1, 16:9, 9:16, 3:2, 21:9"))));
        json.string("size").ifPresent(text -> b.size(ImageSize.parse(text).orElseThrow(() ->
                new JsonFieldException("size", "size must be WIDTHxHEIGHT, e.g. 1024x1024"))));
        json.string("resolution").ifPresent(text -> b.resolution(Resolution.parse(text).orElseThrow(() ->
                new JsonFieldException("resolution", "resolution must be 1K, 2K or 4K"))));
        json.longInteger("seed", 0, GenerationService.MAX_SEED).ifPresent(b::seed);
        json.string("negativePrompt").ifPresent(b::negativePrompt);
        json.bool("autoEnhance").ifPresent(b::autoEnhance);
        json.object("enhancementOptions").ifPresent(options -> {
            options.string("template").ifPresent(b::template);
            options.bool("useBrandKit").ifPresent(b::useBrandKit);
        });
        json.string("background").ifPresent(b::background);
        // Image inputs, the same path as chat attachments and v0's reference images: the image to start
        // from (image-to-image or an edit) with how far to move from it, and images to take inspiration from.
        PromptJson.image(raw, "initImage").ifPresent(b::editImage);
        PromptJson.images(raw, "referenceImages", MAX_REFERENCE_IMAGES).ifPresent(b::referenceImages);
        PromptJson.decimal(raw, "strength", "strength").ifPresent(strength -> {
            double value = strength.doubleValue();
            if (value < 0 || value > 1) {
                throw new JsonFieldException("strength", "strength must be between 0 and 1");
            }
            b.strength(value);
        });
        json.bool("public").ifPresent(b::publicRequested);
        json.objectAsMap("meta").ifPresent(b::meta);
        json.object("options").ifPresent(options -> {
            Map<String, String> values = new LinkedHashMap<>();
            // The last five are Stable Diffusion settings (automatic1111 provider); others ignore them.
            for (String key : List.of("quality", "style", "outputFormat", "outputCompression", "moderation", "user",
                    "sampler", "scheduler", "steps", "cfgScale", "denoisingStrength")) {
                options.string(key).ifPresent(v -> values.put(key, v));
            }
            b.options(values);
        });
        String idempotencyKey = json.string("idempotencyKey").orElse(idempotencyHeader);
        b.idempotencyKey(idempotencyKey);
        b.requestAsGiven(PromptJson.withoutFileData(JsonBody.of(raw).toMap()));
        return b.build();
    }

    @GetMapping
    Map<String, Object> list(Caller caller,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String offset,
                             @RequestParam(required = false) String includeDeleted) {
        // Banatie's soft-deleted records: DELETE is a hard delete here (as the document's DELETE
        // says), so there are none to include; the flag is validated and accepted.
        if (includeDeleted != null && !includeDeleted.isBlank() && !includeDeleted.equals("true") && !includeDeleted.equals("false")) {
            throw new JsonFieldException("includeDeleted", "includeDeleted must be true or false");
        }
        GenerationStatus filter = status == null || status.isBlank() ? null : NativeViews.parseStatus(status).orElseThrow(() ->
                new JsonFieldException("status", "status must be one of pending, processing, success, failed, canceled"));
        int pageSize = intParam("limit", limit, 20, 1, 100);
        int skip = intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        GenerationService.Page page = generations.list(caller, filter, pageSize, skip);
        return NativeViews.page(page.items().stream().map(g -> views.generation(g, null)).toList(),
                page.limit(), page.offset(), page.total(), page.hasMore());
    }

    static int intParam(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new JsonFieldException(name, name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new JsonFieldException(name, name + " must be an integer");
        }
    }

    @GetMapping("/{id}")
    Map<String, Object> get(Caller caller, @PathVariable String id) {
        Generation g = generations.get(caller, id);
        return NativeViews.ok(views.generation(g, g.status() == GenerationStatus.QUEUED ? generations.queuePosition(g) : null));
    }

    @PostMapping("/{id}/cancel")
    Map<String, Object> cancel(Caller caller, @PathVariable String id) {
        return NativeViews.ok(views.generation(generations.cancel(caller, id), null));
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(Caller caller, @PathVariable String id) {
        generations.delete(caller, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "Generation deleted");
        return out;
    }
}
