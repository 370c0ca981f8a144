package io.atelier.bot.chat;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Timestamps;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Maps chat identities to Atelier teams: one team per guild/workspace, created on first use with
 * {@code atelier.chat.starting-credits}, recorded in {@code chat_tenants}. Every user of a tenant
 * acts as that team with their own principal ({@link ChatUser#principal()}).
 *
 * <p>Two instances (or two users) meeting a new tenant at once create one team: the loser's
 * transaction, team included, rolls back on the primary key and it reads the winner's row.
 */
@Service
public class ChatAccounts {

    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final ChatProperties properties;

    ChatAccounts(JdbcClient jdbc, AccountService accounts, TransactionTemplate tx, ChatProperties properties) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.tx = tx;
        this.properties = properties;
    }

    /** The caller a chat user acts as (creates the tenant's team on first use). */
    public Caller callerFor(ChatUser user) {
        return new Caller(teamFor(user.platform(), user.tenantId(), null), user.principal(), false);
    }

    /** The tenant's team id, creating the team (named after {@code tenantName} when given) on first use. */
    public String teamFor(ChatPlatform platform, String tenantId, String tenantName) {
        Optional<String> existing = findTeam(platform, tenantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String name = platform.wireName() + ":" + (tenantName == null || tenantName.isBlank() ? tenantId : tenantName);
        try {
            return tx.execute(status -> {
                String teamId = accounts.createTeam(name.length() > 200 ? name.substring(0, 200) : name, false,
                        properties.startingCredits()).team().id();
                jdbc.sql("INSERT INTO chat_tenants (platform, tenant_id, team_id, name, created_at) VALUES (?, ?, ?, ?, ?)")
                        .params(platform.name(), tenantId, teamId, tenantName, Timestamps.db(Timestamps.now()))
                        .update();
                return teamId;
            });
        } catch (DuplicateKeyException raced) {
            return findTeam(platform, tenantId).orElseThrow(() -> raced);
        }
    }

    /** The tenant's team id when it has one. */
    public Optional<String> findTeam(ChatPlatform platform, String tenantId) {
        return jdbc.sql("SELECT team_id FROM chat_tenants WHERE platform = ? AND tenant_id = ?")
                .params(platform.name(), tenantId)
                .query(String.class)
                .optional();
    }
}
