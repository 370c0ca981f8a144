package io.atelier.core.api.cuppa;

import io.atelier.core.routing.ModelHeader;
import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.SubmitAndWait;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Cuppa's images ({@code cuppa-images-api.md}): {@code GET /v1/images}, the synchronous
 * {@code POST /v1/images} and {@code GET /v1/meta/image_models}. Key in {@code X-API-KEY}.
 *
 * <p>{@code POST /v1/images} submits one generation (source {@code cuppa}) and holds the response
 * until it ends, up to {@code atelier.cuppa.sync-timeout}, without holding a thread; the answer's
 * {@code id} is the image id, the same id {@code GET /v1/images} lists.
 */
@RestController
class CuppaImagesController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    static final String GENERATION_ID_HEADER = "X-Generation-Id";

    private final GenerationService generations;
    private final SubmitAndWait submitAndWait;
    private final CuppaModels models;
    private final ImageUrls urls;
    private final CuppaProperties properties;

    CuppaImagesController(GenerationService generations, SubmitAndWait submitAndWait, CuppaModels models, ImageUrls urls,
                          CuppaProperties properties) {
        this.generations = generations;
        this.submitAndWait = submitAndWait;
        this.models = models;
        this.urls = urls;
        this.properties = properties;
    }

    /** The team's images, newest first (by generation, then position in it); from every surface. */
    @GetMapping("/v1/images")
    List<Map<String, Object>> list(Caller caller, @RequestParam(required = false) String limit) {
        int wanted = CuppaRequests.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<Map<String, Object>> out = new ArrayList<>(wanted);
        int offset = 0;
        while (out.size() < wanted) {
            GenerationService.Page page = generations.list(caller, GenerationStatus.SUCCEEDED, wanted, offset);
            for (Generation generation : page.items()) {
                for (StoredImage image : generation.outcome().images()) {
                    if (out.size() < wanted) {
                        out.add(image(image));
                    }
                }
            }
            if (!page.hasMore()) {
                break;
            }
            offset += page.items().size();
        }
        return out;
    }

    @PostMapping("/v1/images")
    CompletableFuture<ResponseEntity<Object>> create(Caller caller, @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body);
        String modelName = json.requiredString("model");
        String prompt = json.requiredString("prompt");
        if (prompt.length() > CuppaModels.MAX_PROMPT_LENGTH) {
            throw CuppaApiException.invalid("prompt", "prompt must be at most " + CuppaModels.MAX_PROMPT_LENGTH
                    + " characters, not " + prompt.length());
        }
        ModelDescriptor model = models.require("model", modelName);
        GenerationRequest.Builder request = GenerationRequest.builder(GenerationSource.CUPPA)
                .prompt(prompt)
                .model(model.id())
                .autoEnhance(false)
                .requestAsGiven(json.toMap());
        CuppaModels.applySettings(request, model, modelName, json.object("settings"));
        return submitAndWait.answerWhenEnded(caller, request.build(), properties.syncTimeout(),
                (submitted, ended) -> answer(submitted.id(), ended));
    }

    private ResponseEntity<Object> answer(String generationId, Generation g) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("generation_id", generationId);
        if (g == null) {
            return CuppaErrors.response(HttpStatus.NOT_FOUND, CuppaErrors.NOT_FOUND,
                    "generation " + generationId + " was deleted before it finished", null, details);
        }
        return switch (g.status()) {
            case SUCCEEDED -> g.outcome().images().isEmpty()
                    ? CuppaErrors.response(HttpStatus.BAD_GATEWAY, CuppaErrors.GENERATION_FAILED,
                            "the generation succeeded without an image", null, details)
                    : ResponseEntity.ok().header(GENERATION_ID_HEADER, g.id())
                            .header(ModelHeader.NAME, g.asked().model())
                            .body(image(g.outcome().images().getFirst()));
            case FAILED -> {
                details.put("reason", g.outcome().errorCode());
                if ("CONTENT_POLICY_VIOLATION".equals(g.outcome().errorCode())) {
                    yield CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.CONTENT_POLICY_VIOLATION,
                            g.outcome().errorMessage(), "prompt", details);
                }
                HttpStatus status = "PROVIDER_BAD_REQUEST".equals(g.outcome().errorCode()) ? HttpStatus.BAD_REQUEST
                        : HttpStatus.BAD_GATEWAY;
                yield CuppaErrors.response(status, CuppaErrors.GENERATION_FAILED,
                        g.outcome().errorMessage() == null ? "the generation failed" : g.outcome().errorMessage(),
                        null, details);
            }
            case CANCELED -> CuppaErrors.response(HttpStatus.CONFLICT, CuppaErrors.GENERATION_CANCELED,
                    "generation " + g.id() + " was canceled before it finished", null, details);
            case QUEUED, PROCESSING -> CuppaErrors.response(HttpStatus.GATEWAY_TIMEOUT, CuppaErrors.GENERATION_TIMEOUT,
                    "the image was not ready within " + properties.syncTimeout().toSeconds()
                            + " s; it keeps generating and will appear in GET /v1/images", null, details);
        };
    }

    /** Every model of the catalog with the Cuppa settings it takes (shape documented in docs/api/cuppa.md). */
    @GetMapping("/v1/meta/image_models")
    List<Map<String, Object>> imageModels(Caller caller) {
        String defaultId = models.defaultModel().id();
        String bulkDefaultId = models.bulkModel(null).id();
        return models.models().stream()
                .map(m -> models.view(m, m.id().equals(defaultId), m.id().equals(bulkDefaultId)))
                .toList();
    }

    private Map<String, Object> image(StoredImage image) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", image.id());
        out.put("url", urls.urlFor(image));
        return out;
    }
}
