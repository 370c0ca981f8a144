package io.atelier.core.api.gallery;

import io.atelier.core.gallery.GalleryEntry;

/**
 * What a page shows of one entry.
 *
 * @param entry        the entry
 * @param imageUrl     the full image (capability URL), or null
 * @param thumbnailUrl the thumbnail (falls back to the full image)
 * @param pageUrl      the public detail page
 */
record GalleryCard(GalleryEntry entry, String imageUrl, String thumbnailUrl, String pageUrl) {
}
