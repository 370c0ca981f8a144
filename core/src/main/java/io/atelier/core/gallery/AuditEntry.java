package io.atelier.core.gallery;

import java.time.Instant;

/**
 * One row of the append-only moderation audit log.
 *
 * @param id        increasing sequence number
 * @param actorId   who ({@link Actor#id()})
 * @param actorName their display name then
 * @param role      in what capacity
 * @param action    what ({@link AuditAction})
 * @param targetId  the generation acted on
 * @param teamId    the generation's team, when known
 * @param before    status before, or null (new entry / no change)
 * @param after     status after, or null (no change)
 * @param reason    reason code, or null
 * @param note      free text, or null
 * @param requestId the HTTP request or interaction id, or null
 * @param createdAt when
 */
public record AuditEntry(
        long id,
        String actorId,
        String actorName,
        ActorRole role,
        AuditAction action,
        String targetId,
        String teamId,
        GalleryStatus before,
        GalleryStatus after,
        String reason,
        String note,
        String requestId,
        Instant createdAt) {
}
