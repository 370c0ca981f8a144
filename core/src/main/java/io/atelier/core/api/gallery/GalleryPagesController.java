package io.atelier.core.api.gallery;

import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.api.Reporters;
import io.atelier.core.common.Timestamps;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.Reporter;
import io.atelier.core.gallery.GallerySort;
import io.atelier.core.storage.StoredImage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public gallery's pages (server-rendered, no key needed): the grid, an image's page with its
 * Report form, images, thumbnails and an Atom feed. Only approved entries exist here; anything else
 * is 404 (a signed-in moderator also sees the images of entries under review).
 *
 * <p>Images are served at {@code /gallery/{id}/image} and {@code /gallery/{id}/thumbnail}, which
 * check the entry's state on every request and may be cached only with revalidation
 * ({@code Cache-Control: no-cache} and an ETag), so an image hidden, rejected or withdrawn stops
 * being served at once. The gallery never shows an image's {@code /files/} capability URL: that
 * one is the owner's and keeps working for them.
 *
 * <p>The Report form carries a CSRF token tied to the viewer's signed cookie ({@link ViewerCookies}).
 */
@Controller
@PublicEndpoint
class GalleryPagesController {

    static final int PAGE_SIZE = 24;

    private final GalleryService gallery;
    private final GalleryLinks links;
    private final ModerationSession session;
    private final ViewerCookies viewers;

    GalleryPagesController(GalleryService gallery, GalleryLinks links, ModerationSession session, ViewerCookies viewers) {
        this.gallery = gallery;
        this.links = links;
        this.session = session;
        this.viewers = viewers;
    }

    @GetMapping("/gallery")
    String grid(@RequestParam(required = false) String q, @RequestParam(required = false) String model,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
                Model view, HttpServletResponse response) {
        GallerySort order = "top".equals(sort) ? GallerySort.TOP : GallerySort.NEWEST;
        int pageNumber = parsePage(page);
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > 200) {
            query = query.substring(0, 200);
        }
        String modelFilter = model == null || model.isBlank() ? null : model.strip();
        GalleryService.Page<GalleryEntry> result = gallery.listPublic(query, modelFilter, order, PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE);
        view.addAttribute("cards", result.items().stream().map(links::card).toList());
        view.addAttribute("q", query == null ? "" : query);
        view.addAttribute("model", modelFilter == null ? "" : modelFilter);
        view.addAttribute("sort", order == GallerySort.TOP ? "top" : "newest");
        view.addAttribute("models", gallery.publicModels());
        view.addAttribute("page", pageNumber);
        view.addAttribute("total", result.total());
        long pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        view.addAttribute("pages", pages);
        view.addAttribute("prevUrl", pageNumber > 1 ? pageUrl(query, modelFilter, order, pageNumber - 1) : null);
        view.addAttribute("nextUrl", result.hasMore() ? pageUrl(query, modelFilter, order, pageNumber + 1) : null);
        view.addAttribute("feedUrl", links.feed());
        return "gallery/index";
    }

    private static int parsePage(String page) {
        try {
            int n = page == null ? 1 : Integer.parseInt(page.strip());
            return Math.min(Math.max(1, n), 100_000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String pageUrl(String q, String model, GallerySort sort, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/gallery");
        if (q != null) {
            b.queryParam("q", q);
        }
        if (model != null) {
            b.queryParam("model", model);
        }
        if (sort == GallerySort.TOP) {
            b.queryParam("sort", "top");
        }
        b.queryParam("page", page);
        return b.encode().build().toUriString();
    }

    @GetMapping("/gallery/{id}")
    String detail(@PathVariable String id, @RequestParam(required = false) String reported, Model view,
                  HttpServletRequest request, HttpServletResponse response) {
        Optional<GalleryEntry> entry = gallery.findPublic(id);
        if (entry.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            view.addAttribute("message", "There is no public image with this id.");
            return "gallery/error";
        }
        gallery.recordView(id);
        return detailView(entry.get(), view, request, response,
                reported != null ? "Thank you. A moderator will look at your report." : null, null);
    }

    private String detailView(GalleryEntry entry, Model view, HttpServletRequest request, HttpServletResponse response,
                              String notice, String error) {
        // The page carries a per-viewer form token: it must not be stored by shared caches.
        response.setHeader("Cache-Control", "private, no-store");
        view.addAttribute("csrf", viewers.csrfToken(viewers.ensure(request, response)));
        view.addAttribute("card", links.card(entry));
        view.addAttribute("e", entry);
        view.addAttribute("publishedAt", Timestamps.iso(entry.approvedAt()));
        view.addAttribute("provenance", links.provenance(entry).orElse(null));
        view.addAttribute("reasons", gallery.reportReasons());
        view.addAttribute("notice", notice);
        view.addAttribute("error", error);
        return "gallery/detail";
    }

    /**
     * The Report form: reason + optional details, with the viewer's CSRF token (403 without the
     * viewer cookie or with a wrong token); a viewer reports an image once; rate-limited per address.
     */
    @PostMapping("/gallery/{id}/report")
    String report(@PathVariable String id, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String details,
                  @RequestParam(name = ViewerCookies.CSRF_PARAMETER, required = false) String csrf,
                  HttpServletRequest request, HttpServletResponse response, Model view) {
        Optional<String> viewer = viewers.viewer(request);
        if (viewer.isEmpty() || !viewers.validCsrf(viewer.get(), csrf)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            view.addAttribute("message", "The form is stale or did not come from this site (CSRF token missing or wrong);"
                    + " reload the image's page and try again.");
            return "gallery/error";
        }
        try {
            gallery.report(id, reason, details, new Reporter(Reporters.of(request), viewers.reporterHash(viewer.get())),
                    RequestIds.of(request));
            return "redirect:/gallery/" + id + "?reported=1";
        } catch (GalleryException e) {
            Optional<GalleryEntry> entry = gallery.findPublic(id);
            response.setStatus(switch (e.kind()) {
                case NOT_FOUND -> 404;
                case RATE_LIMITED -> 429;
                case CONFLICT -> 409;
                default -> 400;
            });
            if (entry.isEmpty()) {
                view.addAttribute("message", e.getMessage());
                return "gallery/error";
            }
            return detailView(entry.get(), view, request, response, null, e.getMessage());
        }
    }

    /** The full image of an approved entry (public), or of any entry for a signed-in moderator; state checked on every request. */
    @GetMapping("/gallery/{id}/image")
    ResponseEntity<byte[]> image(@PathVariable String id, HttpServletRequest request, HttpServletResponse response,
                                 @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        Optional<GalleryEntry> entry = visible(id, request, response);
        Optional<StoredImage> image = entry.flatMap(gallery::image);
        if (image.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String etag = "\"" + image.get().contentHash() + "\"";
        CacheControl cache = entry.get().isPublic() ? CacheControl.noCache().cachePublic() : CacheControl.noStore();
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        Optional<InputStream> in = gallery.openImage(entry.get());
        if (in.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        try (InputStream stream = in.get()) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.get().mimeType())).cacheControl(cache)
                    .eTag(etag).header("X-Content-Type-Options", "nosniff").body(stream.readAllBytes());
        }
    }

    /** Thumbnails of approved entries (public), or of any entry for a signed-in moderator; state checked on every request. */
    @GetMapping("/gallery/{id}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<GalleryEntry> entry = visible(id, request, response);
        if (entry.isEmpty() || entry.get().thumbnailHash() == null) {
            return ResponseEntity.notFound().build();
        }
        Optional<InputStream> in = gallery.openThumbnail(entry.get());
        if (in.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        try (InputStream stream = in.get()) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(entry.get().thumbnailMime()))
                    .cacheControl(entry.get().isPublic() ? CacheControl.noCache().cachePublic() : CacheControl.noStore())
                    .eTag("\"" + entry.get().thumbnailHash() + "\"")
                    .body(stream.readAllBytes());
        }
    }

    /** An approved entry, or any entry for a signed-in moderator (whose request spends from their key's bucket). */
    private Optional<GalleryEntry> visible(String id, HttpServletRequest request, HttpServletResponse response) {
        Optional<GalleryEntry> approved = gallery.findPublic(id);
        if (approved.isPresent()) {
            return approved;
        }
        return session.caller(request, response).isPresent() ? gallery.find(id) : Optional.empty();
    }

}
