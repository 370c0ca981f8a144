package io.atelier.core.gallery;

import java.time.Instant;

/** A viewer's report of a public image; the reporter's identity is kept server-side only. */
public record GalleryReport(String id, String generationId, String reason, String details, Instant createdAt, Instant resolvedAt) {
}
