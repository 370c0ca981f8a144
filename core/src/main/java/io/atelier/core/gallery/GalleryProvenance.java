package io.atelier.core.gallery;

/**
 * The signed provenance record of a gallery image, when one was made (e.g. by the Recoup dialect).
 *
 * @param recordId      the record's id
 * @param permanentPath path of the permanent, content-addressed image that carries or matches the
 *                      record, under the service's base URL ({@code /files/provenance/<sha256>.<ext>})
 */
public record GalleryProvenance(String recordId, String permanentPath) {
}
