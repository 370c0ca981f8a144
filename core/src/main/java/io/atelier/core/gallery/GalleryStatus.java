package io.atelier.core.gallery;

/**
 * Review state of a gallery entry. Only {@link #APPROVED} entries are public.
 *
 * <pre>
 * publish → PENDING_REVIEW (or APPROVED by auto-approve)
 * PENDING_REVIEW → APPROVED | REJECTED | HIDDEN
 * APPROVED → HIDDEN | REJECTED, or back to PENDING_REVIEW when enough viewers report it
 * REJECTED → PENDING_REVIEW (the owner's one appeal per rejection) | APPROVED (moderator override)
 * HIDDEN → APPROVED | REJECTED
 * any → WITHDRAWN (owner); WITHDRAWN → publish again
 * </pre>
 */
public enum GalleryStatus {
    PENDING_REVIEW, APPROVED, REJECTED, HIDDEN, WITHDRAWN
}
