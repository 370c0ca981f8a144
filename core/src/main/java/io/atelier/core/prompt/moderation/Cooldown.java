package io.atelier.core.prompt.moderation;

import java.time.Instant;

/**
 * A user who may not submit prompts until {@code until}.
 *
 * @param principal the API key id or chat principal ({@code discord:1234}) the blocks were counted for
 */
public record Cooldown(String teamId, String principal, Instant until) {
}
