package io.atelier.core.gallery;

/** In what capacity an {@link Actor} acts on the gallery; recorded in every audit row. */
public enum ActorRole {
    /** The team that owns the generation (publish, withdraw, appeal). */
    OWNER,
    /** A community moderator (approve, reject, hide). */
    MODERATOR,
    /** An administrator; holds every moderator right. */
    ADMIN,
    /** Anyone looking at the public gallery (report). */
    VIEWER,
    /** The service itself (entries requested at submit, automatic hiding after reports). */
    SYSTEM;

    /** Whether this role may take moderation decisions. */
    public boolean canModerate() {
        return this == MODERATOR || this == ADMIN || this == SYSTEM;
    }
}
