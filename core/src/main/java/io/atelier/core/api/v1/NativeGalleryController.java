package io.atelier.core.api.v1;

import io.atelier.core.api.Reporters;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GallerySort;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The public gallery's API: no key needed, approved entries only (anything else answers 404 as if
 * it did not exist), and viewers' reports (rate-limited per client address).
 */
@RestController
@PublicEndpoint
@RequestMapping("/api/v1/gallery")
class NativeGalleryController {

    private final GalleryService gallery;
    private final GalleryJson json;

    NativeGalleryController(GalleryService gallery, GalleryJson json) {
        this.gallery = gallery;
        this.json = json;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String q,
                             @RequestParam(required = false) String model,
                             @RequestParam(required = false) String sort,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String offset) {
        int pageSize = NativeGenerationsController.intParam("limit", limit, 24, 1, 100);
        int skip = NativeGenerationsController.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        GalleryService.Page<GalleryEntry> page = gallery.listPublic(q, model, parseSort(sort), pageSize, skip);
        return NativeViews.page(page.items().stream().map(json::publicView).toList(), page.limit(), page.offset(), page.total(),
                page.hasMore());
    }

    static GallerySort parseSort(String sort) {
        if (sort == null || sort.isBlank()) {
            return GallerySort.NEWEST;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "newest" -> GallerySort.NEWEST;
            case "top" -> GallerySort.TOP;
            default -> throw new JsonFieldException("sort", "sort must be newest or top");
        };
    }

    @GetMapping("/models")
    Map<String, Object> models() {
        return NativeViews.ok(gallery.publicModels());
    }

    @GetMapping("/report-reasons")
    Map<String, Object> reportReasons() {
        return NativeViews.ok(gallery.reportReasons());
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return NativeViews.ok(json.publicView(gallery.findPublic(id).orElseThrow(() -> notFound(id))));
    }

    /** {@code {reason, details?}}; 201 with the report count hidden from viewers. */
    @PostMapping("/{id}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> report(@PathVariable String id, @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        JsonBody b = JsonBody.of(body);
        String reason = b.requiredString("reason");
        String details = b.string("details").orElse(null);
        gallery.report(id, reason, details, Reporters.of(request), GalleryJson.requestId(request));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("reported", true);
        return NativeViews.ok(data);
    }

    private static GalleryException notFound(String id) {
        return new GalleryException(GalleryException.Kind.NOT_FOUND, "GALLERY_ENTRY_NOT_FOUND", null,
                "no public gallery image with id " + id);
    }
}
