package io.atelier.core.gallery;

import io.atelier.core.account.Caller;
import java.util.Objects;

/**
 * Who performed a gallery action, as established by the surface that authenticated them (API key,
 * Discord or Slack identity, the service itself); written into the audit log.
 *
 * @param id          stable principal id: {@code key:<keyId>}, {@code discord:<userId>},
 *                    {@code slack:<workspace>:<userId>}, {@code viewer:<hash>} or {@code system}
 * @param displayName a human-readable name (may be shown publicly as the author)
 * @param role        the capacity in which the actor acts
 */
public record Actor(String id, String displayName, ActorRole role) {

    public static final String SYSTEM_ID = "system";

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (id.isBlank()) {
            throw new IllegalArgumentException("actor id must not be blank");
        }
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }

    /** The service itself. */
    public static Actor system() {
        return new Actor(SYSTEM_ID, "Atelier", ActorRole.SYSTEM);
    }

    /**
     * An API-key caller in the strongest role its key holds for moderation work: ADMIN, MODERATOR,
     * else OWNER (acting on its own team's generations).
     */
    public static Actor ofKey(Caller caller, String displayName) {
        ActorRole role = caller.admin() ? ActorRole.ADMIN : caller.moderator() ? ActorRole.MODERATOR : ActorRole.OWNER;
        return new Actor("key:" + caller.keyId(), displayName, role);
    }

    /** An API-key caller acting as the owner of its team's generations. */
    public static Actor ownerKey(Caller caller, String displayName) {
        return new Actor("key:" + caller.keyId(), displayName, ActorRole.OWNER);
    }
}
