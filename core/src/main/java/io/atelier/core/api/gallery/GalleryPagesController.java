package io.atelier.core.api.gallery;

import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.api.v1.Reporters;
import io.atelier.core.common.Timestamps;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GallerySort;
import io.atelier.core.storage.ImageUrls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public gallery's pages (server-rendered, no key needed): the grid, an image's page with its
 * Report form, thumbnails and an Atom feed. Only approved entries exist here; anything else is 404.
 */
@Controller
@PublicEndpoint
class GalleryPagesController {

    static final int PAGE_SIZE = 24;

    private final GalleryService gallery;
    private final ImageUrls urls;
    private final ModerationSession session;

    GalleryPagesController(GalleryService gallery, ImageUrls urls, ModerationSession session) {
        this.gallery = gallery;
        this.urls = urls;
        this.session = session;
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
        view.addAttribute("cards", result.items().stream().map(this::card).toList());
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
        view.addAttribute("feedUrl", urls.base() + "/gallery/feed.atom");
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
                  HttpServletResponse response) {
        Optional<GalleryEntry> entry = gallery.findPublic(id);
        if (entry.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            view.addAttribute("message", "There is no public image with this id.");
            return "gallery/error";
        }
        gallery.recordView(id);
        return detailView(entry.get(), view, reported != null ? "Thank you. A moderator will look at your report." : null, null);
    }

    private String detailView(GalleryEntry entry, Model view, String notice, String error) {
        view.addAttribute("card", card(entry));
        view.addAttribute("e", entry);
        view.addAttribute("publishedAt", Timestamps.iso(entry.approvedAt()));
        view.addAttribute("provenance", gallery.provenance(entry).orElse(null));
        view.addAttribute("reasons", gallery.reportReasons());
        view.addAttribute("notice", notice);
        view.addAttribute("error", error);
        return "gallery/detail";
    }

    /** The Report form: reason + optional details; rate-limited per client address. */
    @PostMapping("/gallery/{id}/report")
    String report(@PathVariable String id, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String details, HttpServletRequest request, HttpServletResponse response,
                  Model view) {
        try {
            gallery.report(id, reason, details, Reporters.of(request), RequestIds.of(request));
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
            return detailView(entry.get(), view, null, e.getMessage());
        }
    }

    /** Thumbnails of approved entries (public), or of any entry for a signed-in moderator. */
    @GetMapping("/gallery/{id}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String id, HttpServletRequest request) throws IOException {
        Optional<GalleryEntry> entry = session.caller(request).isPresent() ? gallery.find(id) : gallery.findPublic(id);
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
                    .cacheControl(entry.get().isPublic() ? CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic()
                            : CacheControl.noStore())
                    .eTag("\"" + entry.get().thumbnailHash() + "\"")
                    .body(stream.readAllBytes());
        }
    }

    /** An Atom (RFC 4287) feed of the 50 most recently approved images. */
    @GetMapping(value = "/gallery/feed.atom")
    ResponseEntity<byte[]> feed() {
        List<GalleryEntry> latest = gallery.listPublic(null, null, GallerySort.NEWEST, 50, 0).items();
        String base = urls.base();
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.append("  <title>Atelier gallery</title>\n");
        xml.append("  <id>").append(xml(base + "/gallery")).append("</id>\n");
        xml.append("  <link rel=\"self\" href=\"").append(xml(base + "/gallery/feed.atom")).append("\"/>\n");
        xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(base + "/gallery")).append("\"/>\n");
        String updated = latest.isEmpty() ? Timestamps.iso(Timestamps.now()) : Timestamps.iso(latest.getFirst().approvedAt());
        xml.append("  <updated>").append(updated).append("</updated>\n");
        for (GalleryEntry e : latest) {
            GalleryCard card = card(e);
            xml.append("  <entry>\n");
            xml.append("    <id>urn:uuid:").append(e.generationId()).append("</id>\n");
            xml.append("    <title>").append(xml(title(e.prompt()))).append("</title>\n");
            xml.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(card.pageUrl())).append("\"/>\n");
            if (card.imageUrl() != null) {
                xml.append("    <link rel=\"enclosure\" href=\"").append(xml(card.imageUrl())).append("\"/>\n");
            }
            xml.append("    <author><name>").append(xml(e.authorName())).append("</name></author>\n");
            xml.append("    <updated>").append(Timestamps.iso(e.approvedAt())).append("</updated>\n");
            xml.append("    <published>").append(Timestamps.iso(e.approvedAt())).append("</published>\n");
            xml.append("    <category term=\"").append(xml(e.model())).append("\"/>\n");
            xml.append("    <summary type=\"text\">").append(xml(e.prompt())).append("</summary>\n");
            xml.append("  </entry>\n");
        }
        xml.append("</feed>\n");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=utf-8"))
                .body(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String title(String prompt) {
        return prompt.length() <= 80 ? prompt : prompt.substring(0, 77) + "…";
    }

    /** XML text/attribute escaping, dropping characters XML 1.0 cannot carry. */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    GalleryCard card(GalleryEntry e) {
        String image = gallery.image(e).map(urls::urlFor).orElse(null);
        String thumb = e.thumbnailHash() == null ? image : "/gallery/" + e.generationId() + "/thumbnail";
        return new GalleryCard(e, image, thumb, urls.base() + "/gallery/" + e.generationId());
    }
}
