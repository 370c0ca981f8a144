package io.atelier.core.api.cuppa;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.cuppa.CuppaBulkRepository.BulkRequest;
import io.atelier.core.api.cuppa.CuppaBulkService.ItemState;
import io.atelier.core.api.cuppa.CuppaBulkService.Snapshot;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.storage.ImageUrls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Cuppa's bulk featured images: {@code POST /v1/images/bulk} (202 queued),
 * {@code GET /v1/images/bulk/{requestId}} (status with per-article results) and
 * {@code DELETE /v1/images/bulk/{requestId}} (cancel). Plans do not exist in Atelier: every team
 * may use bulk, limited only by its credits.
 */
@RestController
@RequestMapping("/v1/images/bulk")
class CuppaBulkController {

    private final CuppaBulkService bulk;
    private final ImageUrls urls;

    CuppaBulkController(CuppaBulkService bulk, ImageUrls urls) {
        this.bulk = bulk;
        this.urls = urls;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> start(Caller caller, @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body);
        List<String> ids = CuppaRequests.stringArray(body, "article_ids", CuppaBulkService.MAX_ARTICLES)
                .orElseThrow(() -> CuppaApiException.invalid("article_ids", "article_ids is required"));
        if (ids.isEmpty()) {
            throw CuppaApiException.invalid("article_ids", "article_ids must hold 1 to " + CuppaBulkService.MAX_ARTICLES + " ids");
        }
        Set<String> seen = new HashSet<>();
        List<String> normalized = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String field = "article_ids[" + i + "]";
            if (!Ids.isUuid(ids.get(i))) {
                throw CuppaApiException.invalid(field, field + " must be a UUID");
            }
            String id = ids.get(i).toLowerCase(Locale.ROOT);
            if (!seen.add(id)) {
                throw CuppaApiException.invalid(field, field + " repeats " + id);
            }
            normalized.add(id);
        }
        Optional<String> model = json.string("model");
        if (model.isPresent() && model.get().isBlank()) {
            throw CuppaApiException.invalid("model", "model must not be empty; leave it out for the default gpt-image-1");
        }
        boolean useBrandColors = json.bool("use_brand_colors").orElse(false);
        BulkPromptTemplate template = json.string("prompt_template").filter(t -> !t.isBlank())
                .map(BulkPromptTemplate::parse).orElse(null);
        BulkRequest request = bulk.start(caller, new CuppaBulkService.StartCommand(normalized, model.map(String::strip).orElse(null),
                useBrandColors, template, json.toMap()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", request.id());
        out.put("total_articles", request.totalArticles());
        out.put("status", "queued");
        return out;
    }

    @GetMapping("/{requestId}")
    Map<String, Object> status(Caller caller, @PathVariable String requestId) {
        Snapshot snapshot = bulk.snapshot(caller, requestId);
        BulkRequest request = snapshot.request();
        BulkProgress.Counts counts = BulkProgress.count(snapshot.items().stream()
                .map(s -> s.generation().map(Generation::status).orElse(null)).toList());
        Map<String, Object> articles = new LinkedHashMap<>();
        for (ItemState item : snapshot.items()) {
            articles.put(item.item().articleId(), article(item));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", request.id());
        out.put("status", BulkProgress.overall(request.canceledAt() != null, counts));
        out.put("total_articles", request.totalArticles());
        out.put("completed_articles", counts.completed());
        out.put("failed_articles", counts.failed());
        out.put("model", request.model());
        out.put("articles", articles);
        // Atelier's additions.
        out.put("canceled_articles", counts.canceled());
        out.put("requested_model", request.requestedModel());
        out.put("use_brand_colors", request.useBrandColors());
        out.put("created_at", Timestamps.iso(request.createdAt()));
        out.put("canceled_at", Timestamps.iso(request.canceledAt()));
        return out;
    }

    private Map<String, Object> article(ItemState item) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Generation> generation = item.generation();
        out.put("status", BulkProgress.article(generation.map(Generation::status).orElse(null)));
        out.put("image_url",
                generation.filter(g -> g.status() == GenerationStatus.SUCCEEDED && !g.outcome().images().isEmpty())
                .map(g -> urls.urlFor(g.outcome().images().getFirst())).orElse(null));
        // Not Optional.map: a generation without an error maps to null, which is not "deleted".
        out.put("error", generation.isPresent() ? error(generation.get()) : "the generation was deleted");
        out.put("generation_id", item.item().generationId());
        return out;
    }

    private static String error(Generation g) {
        return switch (g.status()) {
            case FAILED -> g.outcome().errorMessage() != null ? g.outcome().errorMessage() : g.outcome().errorCode();
            case CANCELED -> "canceled before it finished";
            default -> null;
        };
    }

    /** Always {@code {success: true}} for the team's request (see {@link CuppaBulkService#cancel}). */
    @DeleteMapping("/{requestId}")
    Map<String, Object> cancel(Caller caller, @PathVariable String requestId) {
        bulk.cancel(caller, requestId);
        return Map.of("success", true);
    }
}
