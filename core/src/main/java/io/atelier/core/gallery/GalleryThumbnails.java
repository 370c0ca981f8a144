package io.atelier.core.gallery;

import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An entry's thumbnail: its cover image read from storage, scaled by the {@link Thumbnailer}, and
 * stored by content hash. On the calling thread (tens of milliseconds for a 1024² image). Any
 * failure leaves the entry without a thumbnail (the gallery then shows the full image).
 */
final class GalleryThumbnails {

    private static final Logger log = LoggerFactory.getLogger(GalleryThumbnails.class);

    /** A stored thumbnail. */
    record Stored(String hash, String mimeType) {
    }

    private final ImageStore store;
    private final Thumbnailer thumbnailer;

    GalleryThumbnails(ImageStore store, Thumbnailer thumbnailer) {
        this.store = store;
        this.thumbnailer = thumbnailer;
    }

    /** The thumbnail of {@code image}, stored; empty when it could not be made or stored. */
    Optional<Stored> make(StoredImage image) {
        Thumbnailer.Thumbnail thumbnail;
        try {
            Optional<InputStream> in = store.open(image.contentHash());
            if (in.isEmpty()) {
                log.warn("image {} is missing from storage; no thumbnail", image.id());
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                thumbnail = thumbnailer.make(stream.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not make a thumbnail of image {}; the gallery will show the full image", image.id(), e);
            return Optional.empty();
        }
        try {
            return Optional.of(new Stored(store.put(thumbnail.bytes()), thumbnail.mimeType()));
        } catch (IOException e) {
            log.warn("could not store the thumbnail of image {}; the gallery will show the full image", image.id(), e);
            return Optional.empty();
        }
    }
}
