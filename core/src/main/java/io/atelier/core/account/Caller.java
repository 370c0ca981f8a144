package io.atelier.core.account;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking, as established server-side (API key, chat identity, tool invocation context);
 * never taken from request bodies or tool arguments.
 *
 * @param teamId owning team
 * @param keyId  the API key used, or a surface-specific principal id (e.g. {@code discord:1234})
 * @param admin  whether the team may use admin routes (an admin holds every {@link KeyRole})
 * @param roles  roles stored with the key; empty for ordinary keys
 */
public record Caller(String teamId, String keyId, boolean admin, Set<KeyRole> roles) {
    public Caller {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(keyId, "keyId");
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A caller without extra roles (the common case). */
    public Caller(String teamId, String keyId, boolean admin) {
        this(teamId, keyId, admin, Set.of());
    }

    /** Whether this caller holds the role, directly or through the admin role. */
    public boolean hasRole(KeyRole role) {
        return admin || roles.contains(role);
    }

    /** Whether this caller may moderate the public gallery (moderator or admin). */
    public boolean moderator() {
        return hasRole(KeyRole.MODERATOR);
    }
}
