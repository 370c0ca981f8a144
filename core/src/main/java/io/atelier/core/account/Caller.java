package io.atelier.core.account;

import java.util.Objects;

/**
 * Who is asking, as established server-side (API key, chat identity, tool invocation context);
 * never taken from request bodies or tool arguments.
 *
 * @param teamId owning team
 * @param keyId  the API key used, or a surface-specific principal id (e.g. {@code discord:1234})
 * @param admin  whether the team may use admin routes
 */
public record Caller(String teamId, String keyId, boolean admin) {
    public Caller {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(keyId, "keyId");
    }
}
