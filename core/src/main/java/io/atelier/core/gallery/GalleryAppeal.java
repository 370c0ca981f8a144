package io.atelier.core.gallery;

import java.time.Instant;

/**
 * An owner's appeal of a rejection.
 *
 * @param round  the rejection it appeals (1 = first rejection); one appeal per round
 * @param status OPEN, GRANTED (approved after all) or DENIED (rejected again)
 */
public record GalleryAppeal(String id, String generationId, int round, String message, String status, Instant createdAt,
                            Instant decidedAt) {
}
