package io.atelier.core.gallery;

import java.time.Instant;

/**
 * A viewer's report of a public image; the reporter's identity is kept server-side only.
 *
 * @param reporterTag a short pseudonym of the reporting address (the first characters of its hash),
 *                    so moderators can tell distinct reporters apart without learning who they are
 * @param resolvedAt  when a moderator's decision dealt with it, or null while open
 */
public record GalleryReport(String id, String generationId, String reason, String details, Instant createdAt, Instant resolvedAt,
                            String reporterTag) {

    public GalleryReport(String id, String generationId, String reason, String details, Instant createdAt, Instant resolvedAt) {
        this(id, generationId, reason, details, createdAt, resolvedAt, null);
    }

    public boolean open() {
        return resolvedAt == null;
    }
}
