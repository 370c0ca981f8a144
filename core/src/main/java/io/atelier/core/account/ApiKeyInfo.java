package io.atelier.core.account;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as listed to its team or an admin: never the key itself (only its hash is stored),
 * but its first characters so people can tell keys apart.
 *
 * @param id        key id (the {@code DELETE /api/v1/admin/keys/{id}} target)
 * @param teamId    owning team
 * @param name      the name given when issued
 * @param prefix    the key's first characters
 * @param roles     roles held by the key
 * @param createdAt when issued
 * @param revokedAt when revoked, or null while active
 */
public record ApiKeyInfo(String id, String teamId, String name, String prefix, Set<KeyRole> roles, Instant createdAt,
                         Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
