package io.atelier.core.api.v1;

import io.atelier.core.common.Timestamps;
import io.atelier.core.gallery.AuditEntry;
import io.atelier.core.gallery.GalleryAppeal;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryReport;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.storage.ImageUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gallery's wire views in the native envelope. The public view leaves out everything about
 * the owner but the display name, and links the image through the gallery's state-checked URL
 * ({@code /gallery/{id}/image}), never its {@code /files/} capability URL; the owner's and the
 * moderation views (authenticated callers) give that capability URL, and the moderation view adds
 * team, review state and counters. URLs are absolute only where {@link ImageUrls} trusts a base.
 */
@Component
class GalleryJson {

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final GalleryService gallery;
    private final ImageUrls urls;

    GalleryJson(GalleryService gallery, ImageUrls urls) {
        this.gallery = gallery;
        this.urls = urls;
    }

    Map<String, Object> publicView(GalleryEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.generationId());
        out.put("prompt", e.prompt());
        out.put("model", e.model());
        out.put("author", e.authorName());
        out.put("width", e.width());
        out.put("height", e.height());
        out.put("imageUrl", e.imageId() == null ? null : urls.base() + "/gallery/" + e.generationId() + "/image");
        out.put("thumbnailUrl", e.thumbnailHash() == null ? null : urls.base() + "/gallery/" + e.generationId() + "/thumbnail");
        out.put("pageUrl", urls.base() + "/gallery/" + e.generationId());
        out.put("views", e.views());
        out.put("createdAt", Timestamps.iso(e.createdAt()));
        out.put("publishedAt", Timestamps.iso(e.approvedAt()));
        return out;
    }

    Map<String, Object> ownerView(GalleryEntry e) {
        Map<String, Object> out = publicView(e);
        out.put("galleryImageUrl", out.get("imageUrl"));
        out.put("imageUrl", gallery.image(e).map(urls::urlFor).orElse(null));
        out.put("status", e.status().name());
        out.put("reason", e.reason());
        out.put("note", e.note());
        out.put("rejections", e.rejections());
        out.put("submittedAt", Timestamps.iso(e.submittedAt()));
        out.put("decidedAt", Timestamps.iso(e.decidedAt()));
        return out;
    }

    Map<String, Object> moderationView(GalleryEntry e) {
        Map<String, Object> out = ownerView(e);
        out.put("teamId", e.teamId());
        out.put("openReports", e.openReports());
        return out;
    }

    static Map<String, Object> report(GalleryReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("generationId", r.generationId());
        out.put("reason", r.reason());
        out.put("details", r.details());
        out.put("reporter", r.reporterTag());
        out.put("open", r.open());
        out.put("createdAt", Timestamps.iso(r.createdAt()));
        out.put("resolvedAt", Timestamps.iso(r.resolvedAt()));
        return out;
    }

    static Map<String, Object> appeal(GalleryAppeal a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("generationId", a.generationId());
        out.put("round", a.round());
        out.put("message", a.message());
        out.put("status", a.status());
        out.put("createdAt", Timestamps.iso(a.createdAt()));
        out.put("decidedAt", Timestamps.iso(a.decidedAt()));
        return out;
    }

    static Map<String, Object> audit(AuditEntry a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("actor", a.actorId());
        out.put("actorName", a.actorName());
        out.put("role", a.role().name());
        out.put("action", a.action().name());
        out.put("target", a.targetId());
        out.put("teamId", a.teamId());
        out.put("before", a.before() == null ? null : a.before().name());
        out.put("after", a.after() == null ? null : a.after().name());
        out.put("reason", a.reason());
        out.put("note", a.note());
        out.put("requestId", a.requestId());
        out.put("createdAt", Timestamps.iso(a.createdAt()));
        return out;
    }

    /** The client's {@code X-Request-Id} when sane, else a fresh one; recorded in audit rows. */
    static String requestId(HttpServletRequest request) {
        String given = request.getHeader(REQUEST_ID_HEADER);
        if (given != null && given.matches("[A-Za-z0-9._:-]{1,100}")) {
            return given;
        }
        return "req-" + io.atelier.core.common.Ids.token(9);
    }
}
