package io.atelier.core.api.gallery;

import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.common.Timestamps;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GallerySort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The gallery's Atom feed ({@code /gallery/feed.atom}), public like its pages. */
@Controller
@PublicEndpoint
class GalleryFeedController {

    private final GalleryService gallery;
    private final GalleryLinks links;

    GalleryFeedController(GalleryService gallery, GalleryLinks links) {
        this.gallery = gallery;
        this.links = links;
    }

    /** An Atom (RFC 4287) feed of the 50 most recently approved images. */
    @GetMapping(value = "/gallery/feed.atom")
    ResponseEntity<byte[]> feed() {
        List<GalleryEntry> latest = gallery.listPublic(null, null, GallerySort.NEWEST, 50, 0).items();
        // Absolute only from configuration or an allowed host (ImageUrls); else relative links, and an
        // id that does not depend on any address.
        String base = links.base();
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.append("  <title>Atelier gallery</title>\n");
        xml.append("  <id>").append(xml(base.isEmpty() ? "urn:atelier:gallery" : base + "/gallery")).append("</id>\n");
        xml.append("  <link rel=\"self\" href=\"").append(xml(base + "/gallery/feed.atom")).append("\"/>\n");
        xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(base + "/gallery")).append("\"/>\n");
        String updated = latest.isEmpty() ? Timestamps.iso(Timestamps.now()) : Timestamps.iso(latest.getFirst().approvedAt());
        xml.append("  <updated>").append(updated).append("</updated>\n");
        for (GalleryEntry e : latest) {
            GalleryCard card = links.card(e);
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

    /**
     * XML text/attribute escaping, dropping what XML 1.0 cannot carry (control characters other than
     * tab, CR and LF, U+FFFE, U+FFFF and unpaired surrogates): one such character in one prompt
     * would otherwise make the whole feed unreadable for every reader.
     */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (allowedInXml(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** XML 1.0's Char production; a lone surrogate comes out of codePointAt as itself and is refused. */
    static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
