package io.atelier.bot.chat;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.RequestGate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Maps chat identities to Atelier teams: one team per guild/workspace, created on first use with
 * {@code atelier.chat.starting-credits} (small by default), recorded in {@code chat_tenants}. Every
 * user of a tenant acts as that team with their own principal ({@link ChatUser#principal()}).
 *
 * <p><b>Who may.</b> {@code atelier.discord.allowed-guilds} and {@code atelier.slack.allowed-workspaces}
 * list the guild and workspace ids that may use the bot; an empty list allows any (the start-up log
 * says so, as any server that adds the bot then gets a team). Outside a listed guild, Discord DMs are
 * refused too. Every chat action also passes the {@link RequestGate}: the chat principal spends from
 * the same per-key bucket ({@code atelier.rate-limit.per-key} a minute) as an API key does.
 *
 * <p>Two instances (or two users) meeting a new tenant at once create one team: the loser's
 * transaction, team included, rolls back on the primary key and it reads the winner's row.
 */
@Service
public class ChatAccounts {

    private static final Logger log = LoggerFactory.getLogger(ChatAccounts.class);

    private final ChatTenantRepository tenants;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final ChatProperties properties;
    private final RequestGate gate;
    private final Set<String> allowedGuilds;
    private final Set<String> allowedWorkspaces;

    @Autowired
    ChatAccounts(ChatTenantRepository tenants, AccountService accounts, TransactionTemplate tx, ChatProperties properties, RequestGate gate,
                 Environment environment) {
        this(tenants, accounts, tx, properties, gate, list(environment, "atelier.discord.allowed-guilds"),
                list(environment, "atelier.slack.allowed-workspaces"));
        if (StringUtils.hasText(environment.getProperty("atelier.discord.token"))) {
            log.info(allowedGuilds.isEmpty()
                    ? "Discord: any guild that adds the bot gets a team with {} starting credits (atelier.discord.allowed-guilds is empty)"
                    : "Discord: only the guilds in atelier.discord.allowed-guilds get a team ({} starting credits): {}",
                    properties.startingCredits(), allowedGuilds);
        }
        if (StringUtils.hasText(environment.getProperty("atelier.slack.bot-token"))) {
            log.info(allowedWorkspaces.isEmpty()
                    ? "Slack: any workspace that installs the app gets a team with {} starting credits (atelier.slack.allowed-workspaces is empty)"
                    : "Slack: only the workspaces in atelier.slack.allowed-workspaces get a team ({} starting credits): {}",
                    properties.startingCredits(), allowedWorkspaces);
        }
    }

    /** Without the gate and the allow-lists (tests of the tenant mapping alone). */
    ChatAccounts(ChatTenantRepository tenants, AccountService accounts, TransactionTemplate tx, ChatProperties properties) {
        this(tenants, accounts, tx, properties, null, Set.of(), Set.of());
    }

    ChatAccounts(ChatTenantRepository tenants, AccountService accounts, TransactionTemplate tx, ChatProperties properties, RequestGate gate,
                 Set<String> allowedGuilds, Set<String> allowedWorkspaces) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.tx = tx;
        this.properties = properties;
        this.gate = gate;
        this.allowedGuilds = Set.copyOf(allowedGuilds);
        this.allowedWorkspaces = Set.copyOf(allowedWorkspaces);
    }

    private static Set<String> list(Environment environment, String property) {
        return Binder.get(environment).bind(property, Bindable.listOf(String.class)).orElse(List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The caller a chat user acts as (creates the tenant's team on first use), after the user's
     * request passed the gate.
     *
     * @throws ChatAccessException {@code TENANT_NOT_ALLOWED} or {@code RATE_LIMITED}
     */
    public Caller callerFor(ChatUser user) {
        String teamId = teamFor(user.platform(), user.tenantId(), null);
        if (gate != null) {
            try {
                gate.admit(user.principal(), null);
            } catch (RateLimitExceededException e) {
                throw new ChatAccessException("RATE_LIMITED", "You are sending requests faster than allowed; try again in "
                        + RateLimitExceededException.seconds(e.retryAfter()) + " s.");
            }
        }
        return new Caller(teamId, user.principal(), false);
    }

    /** Whether the guild or workspace may use the bot (an empty allow-list allows any). */
    public boolean allowed(ChatPlatform platform, String tenantId) {
        Set<String> allowed = platform == ChatPlatform.DISCORD ? allowedGuilds : allowedWorkspaces;
        return allowed.isEmpty() || allowed.contains(tenantId);
    }

    /**
     * The tenant's team id, creating the team (named after {@code tenantName} when given) on first use.
     *
     * @throws ChatAccessException {@code TENANT_NOT_ALLOWED} when the tenant is not on its platform's allow-list
     */
    public String teamFor(ChatPlatform platform, String tenantId, String tenantName) {
        if (!allowed(platform, tenantId)) {
            throw new ChatAccessException("TENANT_NOT_ALLOWED", platform == ChatPlatform.DISCORD
                    ? "This bot is not enabled for this server (or for direct messages); ask its operator to add the server to atelier.discord.allowed-guilds."
                    : "This app is not enabled for this workspace; ask its operator to add the workspace to atelier.slack.allowed-workspaces.");
        }
        Optional<String> existing = findTeam(platform, tenantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String name = platform.wireName() + ":" + (tenantName == null || tenantName.isBlank() ? tenantId : tenantName);
        try {
            return tx.execute(status -> {
                String teamId = accounts.createTeam(name.length() > 200 ? name.substring(0, 200) : name, false,
                        properties.startingCredits()).team().id();
                tenants.insert(platform, tenantId, teamId, tenantName);
                return teamId;
            });
        } catch (DuplicateKeyException raced) {
            return findTeam(platform, tenantId).orElseThrow(() -> raced);
        }
    }

    /** The tenant's team id when it has one. */
    public Optional<String> findTeam(ChatPlatform platform, String tenantId) {
        return tenants.findTeam(platform, tenantId);
    }
}
