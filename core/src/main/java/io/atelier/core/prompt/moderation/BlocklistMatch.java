package io.atelier.core.prompt.moderation;

/**
 * A rule that matched a prompt.
 *
 * @param rule    the rule
 * @param scope   {@code global} or {@code team}
 * @param matched the prompt text it matched
 */
public record BlocklistMatch(BlocklistRule rule, String scope, String matched) {
}
