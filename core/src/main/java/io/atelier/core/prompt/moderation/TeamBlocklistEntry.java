package io.atelier.core.prompt.moderation;

import java.time.Instant;

/** One entry of a team's own blocklist, in the {@link BlocklistRule} syntax. */
public record TeamBlocklistEntry(String id, String teamId, String entry, String category, Instant createdAt) {
}
