package io.atelier.bot.slack;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which bot token a Slack call uses: the workspace's own, stored when it installed the app through
 * the OAuth flow ({@code slack_installations}, {@link SlackInstallations}), else the configured
 * {@code atelier.slack.bot-token} (the single-workspace set-up). One indexed read per call, no cache:
 * an uninstall or a revoked token takes effect at once on every instance.
 */
final class SlackTokens {

    private final JdbcClient jdbc;
    private final String configured;

    SlackTokens(JdbcClient jdbc, String configured) {
        this.jdbc = jdbc;
        this.configured = configured;
    }

    /**
     * The token for a workspace ({@code teamId} null or blank: the configured one).
     *
     * @throws SlackCallException {@code not_installed} (not retriable) when there is none
     */
    String tokenFor(String teamId) {
        if (teamId != null && !teamId.isBlank()) {
            // list(), not stream(): a stream keeps its connection until closed.
            Optional<String> installed = jdbc.sql("SELECT bot_token FROM slack_installations WHERE team_id = ? ORDER BY installed_at DESC")
                    .param(teamId).query(String.class).list().stream().findFirst();
            if (installed.isPresent()) {
                return installed.get();
            }
        }
        if (configured == null) {
            throw new SlackCallException("auth", "not_installed", false, null, null);
        }
        return configured;
    }
}
