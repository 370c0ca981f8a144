package io.atelier.bot.slack;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import io.atelier.core.common.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bolt's installation store on the application's database ({@code slack_installations}): the OAuth
 * flow ({@code /slack/oauth_redirect}) saves a workspace's bot token here, {@link SlackTokens} reads it
 * for every call made for that workspace, {@code app_uninstalled} and {@code tokens_revoked} delete it
 * (Bolt's default handlers call {@link #deleteAll} / {@link #deleteBot}). Every instance sees the same
 * rows. Only the bot is kept: the app asks for no user scopes.
 *
 * <p>Enterprise Grid org-wide installs are stored under their enterprise id with an empty team id.
 */
final class SlackInstallations implements InstallationService {

    private static final Logger log = LoggerFactory.getLogger(SlackInstallations.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    SlackInstallations(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        if (enabled) {
            throw new UnsupportedOperationException("installation history is not kept");
        }
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        saveBot(installer.toBot());
    }

    /** Replaces the workspace's row: a re-install (new scopes, a new token) wins. */
    @Override
    public void saveBot(Bot bot) {
        String team = key(bot.getTeamId());
        String enterprise = key(bot.getEnterpriseId());
        OffsetDateTime at = Timestamps.db(bot.getInstalledAt() == null ? Timestamps.now() : Instant.ofEpochMilli(bot.getInstalledAt()));
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM slack_installations WHERE team_id = ? AND enterprise_id = ?").params(team, enterprise).update();
            jdbc.sql("""
                            INSERT INTO slack_installations (team_id, enterprise_id, app_id, bot_id, bot_user_id, bot_token,
                                bot_scope, installer_user, installed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)""")
                    .params(team, enterprise, bot.getAppId(), bot.getBotId(), bot.getBotUserId(), bot.getBotAccessToken(),
                            bot.getBotScope(), at)
                    .update();
        });
        log.info("Slack workspace {} installed the app (bot {})", team.isEmpty() ? enterprise : team, bot.getBotUserId());
    }

    @Override
    public void deleteBot(Bot bot) {
        deleteAll(bot.getEnterpriseId(), bot.getTeamId());
    }

    @Override
    public void deleteInstaller(Installer installer) {
        // No user tokens are stored; the bot's row stays (its token is not the installer's).
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return jdbc.sql("""
                        SELECT team_id, enterprise_id, app_id, bot_id, bot_user_id, bot_token, bot_scope, installed_at
                        FROM slack_installations WHERE team_id = ? AND enterprise_id = ?""")
                .params(key(teamId), key(enterpriseId))
                .query((rs, n) -> {
                    DefaultBot bot = new DefaultBot();
                    bot.setTeamId(emptyToNull(rs.getString("team_id")));
                    bot.setEnterpriseId(emptyToNull(rs.getString("enterprise_id")));
                    bot.setAppId(rs.getString("app_id"));
                    bot.setBotId(rs.getString("bot_id"));
                    bot.setBotUserId(rs.getString("bot_user_id"));
                    bot.setBotAccessToken(rs.getString("bot_token"));
                    bot.setBotScope(rs.getString("bot_scope"));
                    bot.setInstalledAt(rs.getObject("installed_at", OffsetDateTime.class).toInstant().toEpochMilli());
                    return (Bot) bot;
                })
                .optional()
                .orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        Bot bot = findBot(enterpriseId, teamId);
        if (bot == null) {
            return null;
        }
        DefaultInstaller installer = new DefaultInstaller();
        installer.setTeamId(bot.getTeamId());
        installer.setEnterpriseId(bot.getEnterpriseId());
        installer.setAppId(bot.getAppId());
        installer.setBotId(bot.getBotId());
        installer.setBotUserId(bot.getBotUserId());
        installer.setBotAccessToken(bot.getBotAccessToken());
        installer.setBotScope(bot.getBotScope());
        installer.setInstalledAt(bot.getInstalledAt());
        return installer;
    }

    /** The workspace uninstalled the app or revoked its tokens: its calls stop at once. */
    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        int n = jdbc.sql("DELETE FROM slack_installations WHERE team_id = ? AND enterprise_id = ?")
                .params(key(teamId), key(enterpriseId)).update();
        log.info("Slack workspace {} removed the app ({} installation deleted)", teamId, n);
    }

    private static String key(String id) {
        return id == null ? "" : id;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
