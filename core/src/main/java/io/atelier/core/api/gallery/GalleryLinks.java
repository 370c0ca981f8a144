package io.atelier.core.api.gallery;

import io.atelier.core.api.ProvenanceUrls;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.provenance.ProvenanceService;
import io.atelier.core.provenance.SignedProvenance;
import io.atelier.core.storage.ImageUrls;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The addresses the gallery's pages, the moderators' console and the feed link to: an entry's page,
 * image and thumbnail, its image's signed provenance record, the feed. Absolute only on a base
 * {@link ImageUrls} trusts (configured, or an allowed host), else relative.
 */
@Component
class GalleryLinks {

    private final ImageUrls urls;
    private final ProvenanceService provenance;

    GalleryLinks(ImageUrls urls, ProvenanceService provenance) {
        this.urls = urls;
        this.provenance = provenance;
    }

    /** The base of every link: empty for relative links. */
    String base() {
        return urls.base();
    }

    String feed() {
        return urls.base() + "/gallery/feed.atom";
    }

    GalleryCard card(GalleryEntry e) {
        String base = urls.base();
        String image = e.imageId() == null ? null : base + "/gallery/" + e.generationId() + "/image";
        String thumb = e.thumbnailHash() == null ? image : base + "/gallery/" + e.generationId() + "/thumbnail";
        return new GalleryCard(e, image, thumb, base + "/gallery/" + e.generationId());
    }

    /** The signed record of the entry's image, when it has one (its generation came with provenance, e.g. Recoup's). */
    Optional<ProvenanceLink> provenance(GalleryEntry e) {
        return e.imageId() == null ? Optional.empty() : provenance.recordOfImage(e.imageId()).map(ProvenanceLink::of);
    }

    /**
     * The signed provenance record of an entry's image, as the detail page links it.
     *
     * @param permanentPath the permanent image's path ({@code /files/provenance/<sha256>.<ext>}) under the service's base
     */
    record ProvenanceLink(String recordId, String permanentPath) {

        static ProvenanceLink of(SignedProvenance record) {
            return new ProvenanceLink(record.id(),
                    ProvenanceUrls.PERMANENT_FILES_PATH + record.permanentSha256() + "." + record.permanentExtension());
        }
    }
}
