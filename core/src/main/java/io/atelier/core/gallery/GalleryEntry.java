package io.atelier.core.gallery;

import java.time.Instant;

/**
 * A generation proposed for the public gallery, with what the gallery shows of it.
 *
 * @param generationId   the generation (also the entry's id everywhere)
 * @param teamId         owning team
 * @param status         review state
 * @param authorName     display name shown as the author
 * @param imageId        the generation's image shown (its first), or null
 * @param thumbnailHash  content hash of the thumbnail in the image store, or null
 * @param thumbnailMime  media type of the thumbnail ({@code image/webp} or {@code image/jpeg})
 * @param reason         the last decision's reason code (reject/hide), or null
 * @param note           the last decision's free text, or null
 * @param rejections     how many times the entry was rejected (one appeal allowed per rejection)
 * @param openReports    viewers' reports not yet resolved by a moderator
 * @param views          detail-page views (orders "top")
 * @param prompt         the prompt as the user wrote it
 * @param model          model id ({@code provider/name})
 * @param width          pixels
 * @param height         pixels
 * @param createdAt      when the generation was created
 * @param submittedAt    when (last) published
 * @param decidedAt      when last decided by a moderator or the system, or null
 * @param approvedAt     when (last) approved, or null
 */
public record GalleryEntry(
        String generationId,
        String teamId,
        GalleryStatus status,
        String authorName,
        String imageId,
        String thumbnailHash,
        String thumbnailMime,
        String reason,
        String note,
        int rejections,
        int openReports,
        long views,
        String prompt,
        String model,
        int width,
        int height,
        Instant createdAt,
        Instant submittedAt,
        Instant decidedAt,
        Instant approvedAt) {

    public boolean isPublic() {
        return status == GalleryStatus.APPROVED;
    }
}
