package io.atelier.core.account;

import io.atelier.core.common.AtelierProperties;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Teams, API keys and credits.
 *
 * <p>Key lookups: on a database shared by instances every request reads its key's row (one indexed
 * lookup), so a key revoked on one instance answers 401 at once on every instance. On the embedded
 * database (an H2 file or memory database, which only this process opens) this instance is the only
 * one that can revoke, so keys are remembered and forgotten at once on every revocation.
 *
 * <p>Credits: {@link #charge} and {@link #refund} are written to a ledger whose unique key
 * (generation, reason) makes each happen at most once, however often a job is retried.
 */
@Service
public class AccountService {

    /** Advisory lock id of the first-start bootstrap (any constant no other code uses). */
    static final long BOOTSTRAP_LOCK = 0x4174656c6965722eL;
    static final long ADMIN_CREDITS = 1_000_000_000L;

    private final JdbcClient jdbc;
    private final AtelierProperties properties;
    /** Callers by key hash; null when the database is shared with other processes. */
    private final Map<String, Caller> keyCache;

    @Autowired
    AccountService(JdbcClient jdbc, AtelierProperties properties, @Value("${spring.datasource.url:}") String databaseUrl) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.keyCache = databaseUrl.startsWith("jdbc:h2:file:") || databaseUrl.startsWith("jdbc:h2:mem:")
                ? new ConcurrentHashMap<>() : null;
    }

    AccountService(JdbcClient jdbc, AtelierProperties properties) {
        this(jdbc, properties, "");
    }

    /** Creates a team and its first key; {@code credits} null means the configured default. */
    @Transactional
    public CreatedTeam createTeam(String name, boolean admin, Long credits) {
        return createTeamWithKey(name, admin, credits, ApiKeys.generate());
    }

    /** Creates a team whose first key is given (bootstrap from {@code ATELIER_BOOTSTRAP_API_KEY}). */
    @Transactional
    public CreatedTeam createTeamWithKey(String name, boolean admin, Long credits, String apiKey) {
        Instant now = Timestamps.now();
        Team team = new Team(Ids.uuid(), name, admin, credits == null ? properties.defaultTeamCredits() : credits, now);
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(team.id(), team.name(), team.admin(), team.credits(), Timestamps.db(now))
                .update();
        insertKey(team.id(), "default", apiKey, now);
        return new CreatedTeam(team, apiKey);
    }

    /** Issues another key for a team; the clear key is returned once. */
    @Transactional
    public String issueKey(String teamId, String name) {
        return issueKey(teamId, name, Set.of());
    }

    /** Issues another key for a team holding the given roles; the clear key is returned once. */
    @Transactional
    public String issueKey(String teamId, String name, Set<KeyRole> roles) {
        String key = ApiKeys.generate();
        insertKey(teamId, name, key, Timestamps.now(), roles);
        return key;
    }

    private void insertKey(String teamId, String name, String key, Instant now) {
        insertKey(teamId, name, key, now, Set.of());
    }

    private void insertKey(String teamId, String name, String key, Instant now, Set<KeyRole> roles) {
        String roleList = String.join(",", roles.stream().map(Enum::name).sorted().toList());
        jdbc.sql("INSERT INTO api_keys (id, team_id, name, key_prefix, key_hash, created_at, roles) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.uuid(), teamId, name, ApiKeys.displayPrefix(key), ApiKeys.hash(key), Timestamps.db(now), roleList)
                .update();
    }

    private static Set<KeyRole> parseRoles(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        EnumSet<KeyRole> roles = EnumSet.noneOf(KeyRole.class);
        for (String part : text.split(",")) {
            String name = part.strip();
            for (KeyRole role : KeyRole.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /**
     * Creates the admin team with {@code apiKey} unless an API key exists, in one transaction;
     * empty when a key existed. With {@code clusterLock} (PostgreSQL) the check and the insert run
     * under a transaction-scoped advisory lock, so instances starting together on a fresh database
     * create one admin team between them: the second waits, then finds the first one's key.
     */
    @Transactional
    public Optional<CreatedTeam> createAdminTeamIfNoKey(String apiKey, boolean clusterLock) {
        if (clusterLock) {
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked").param(BOOTSTRAP_LOCK).query(Integer.class).single();
        }
        if (anyKeyExists()) {
            return Optional.empty();
        }
        return Optional.of(createTeamWithKey("admin", true, ADMIN_CREDITS, apiKey));
    }

    public boolean anyKeyExists() {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys").query(Long.class).single() > 0;
    }

    /** The caller a presented key belongs to; empty for unknown or revoked keys. */
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(presentedKey.trim());
        Caller known = keyCache == null ? null : keyCache.get(hash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Caller> found = jdbc.sql("""
                        SELECT k.id AS key_id, t.id AS team_id, t.admin AS admin, k.roles AS roles
                        FROM api_keys k JOIN teams t ON t.id = k.team_id
                        WHERE k.key_hash = ? AND k.revoked_at IS NULL""")
                .param(hash)
                .query((rs, i) -> new Caller(rs.getString("team_id"), rs.getString("key_id"), rs.getBoolean("admin"),
                        parseRoles(rs.getString("roles"))))
                .optional();
        if (keyCache != null && found.isPresent()) {
            if (keyCache.size() > 10_000) {
                keyCache.clear();
            }
            keyCache.put(hash, found.get());
        }
        return found;
    }

    /** Keys of one team, or of every team when {@code teamId} is null; oldest first; never the key itself. */
    public List<ApiKeyInfo> listKeys(String teamId) {
        if (teamId != null) {
            return keysWhere("team_id = ?", teamId);
        }
        return jdbc.sql(KEY_SELECT + " ORDER BY created_at, id").query(AccountService::keyInfo).list();
    }

    /** One key's description; empty when unknown (or not a key id). */
    public Optional<ApiKeyInfo> findKey(String keyId) {
        if (keyId == null || !Ids.isUuid(keyId)) {
            return Optional.empty();
        }
        return keysWhere("id = ?", keyId).stream().findFirst();
    }

    private static final String KEY_SELECT = "SELECT id, team_id, name, key_prefix, roles, created_at, revoked_at FROM api_keys";

    private List<ApiKeyInfo> keysWhere(String where, String value) {
        return jdbc.sql(KEY_SELECT + " WHERE " + where + " ORDER BY created_at, id").param(value)
                .query(AccountService::keyInfo).list();
    }

    private static ApiKeyInfo keyInfo(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new ApiKeyInfo(rs.getString("id"), rs.getString("team_id"), rs.getString("name"), rs.getString("key_prefix"),
                parseRoles(rs.getString("roles")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    /**
     * Revokes a key (sets {@code revoked_at}; the row stays for the record). Revoking a revoked key
     * changes nothing. The last active key of an admin team is kept, so the service never locks its
     * operators out.
     *
     * @return the key after the change; empty when no such key
     * @throws IllegalStateException when it is the admin team's last active key
     */
    @Transactional
    public Optional<ApiKeyInfo> revokeKey(String keyId) {
        Optional<ApiKeyInfo> key = findKey(keyId);
        if (key.isEmpty() || key.get().revokedAt() != null) {
            return key;
        }
        boolean adminTeam = findTeam(key.get().teamId()).map(Team::admin).orElse(false);
        if (adminTeam) {
            // Lock the team's row so two concurrent revocations cannot remove the last two keys.
            jdbc.sql("SELECT id FROM teams WHERE id = ? FOR UPDATE").param(key.get().teamId()).query(String.class).list();
            long active = jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE team_id = ? AND revoked_at IS NULL")
                    .param(key.get().teamId()).query(Long.class).single();
            if (active <= 1) {
                throw new IllegalStateException("this is the admin team's last active key; issue another admin key first");
            }
        }
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamps.db(Timestamps.now()), keyId).update();
        forgetKeys();
        return findKey(keyId);
    }

    /**
     * Forgets the remembered keys now and again once the caller's transaction commits: a lookup
     * between the two still sees the key unrevoked and would remember it again.
     */
    private void forgetKeys() {
        if (keyCache == null) {
            return;
        }
        keyCache.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    keyCache.clear();
                }
            });
        }
    }

    /**
     * The caller of a key that is still valid, by the key's id (not cached): sessions opened with a
     * key re-check it, so revoking the key or its role ends them. Empty for unknown or revoked keys.
     */
    public Optional<Caller> findActiveKey(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT k.id AS key_id, t.id AS team_id, t.admin AS admin, k.roles AS roles
                        FROM api_keys k JOIN teams t ON t.id = k.team_id
                        WHERE k.id = ? AND k.revoked_at IS NULL""")
                .param(keyId)
                .query((rs, i) -> new Caller(rs.getString("team_id"), rs.getString("key_id"), rs.getBoolean("admin"),
                        parseRoles(rs.getString("roles"))))
                .optional();
    }

    public Optional<Team> findTeam(String teamId) {
        return jdbc.sql("SELECT id, name, admin, credits, created_at FROM teams WHERE id = ?")
                .param(teamId)
                .query((rs, i) -> new Team(rs.getString("id"), rs.getString("name"), rs.getBoolean("admin"),
                        rs.getLong("credits"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public List<Team> listTeams() {
        return jdbc.sql("SELECT id, name, admin, credits, created_at FROM teams ORDER BY created_at")
                .query((rs, i) -> new Team(rs.getString("id"), rs.getString("name"), rs.getBoolean("admin"),
                        rs.getLong("credits"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Takes {@code amount} credits for a generation inside the caller's transaction; throws
     * {@link InsufficientCreditsException} (rolling the caller back) when the team cannot pay.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void charge(String teamId, String generationId, long amount) {
        if (amount == 0) {
            return;
        }
        int updated = jdbc.sql("UPDATE teams SET credits = credits - ? WHERE id = ? AND credits >= ?")
                .params(amount, teamId, amount)
                .update();
        if (updated == 0) {
            long available = findTeam(teamId).map(Team::credits).orElse(0L);
            throw new InsufficientCreditsException(amount, available);
        }
        jdbc.sql("INSERT INTO credit_ledger (id, team_id, generation_id, reason, delta, created_at) VALUES (?, ?, ?, 'CHARGE', ?, ?)")
                .params(Ids.uuid(), teamId, generationId, -amount, Timestamps.db(Timestamps.now()))
                .update();
    }

    /**
     * Gives back what a generation was charged, at most once (the ledger's unique key), inside
     * the caller's transaction. Returns the amount refunded, 0 when nothing was due.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long refund(String generationId) {
        Optional<ChargeRow> charge = jdbc.sql("SELECT team_id, delta FROM credit_ledger WHERE generation_id = ? AND reason = 'CHARGE'")
                .param(generationId)
                .query((rs, i) -> new ChargeRow(rs.getString("team_id"), -rs.getLong("delta")))
                .optional();
        if (charge.isEmpty() || charge.get().amount() == 0) {
            return 0;
        }
        boolean refunded = jdbc.sql("SELECT COUNT(*) FROM credit_ledger WHERE generation_id = ? AND reason = 'REFUND'")
                .param(generationId).query(Long.class).single() > 0;
        if (refunded) {
            return 0;
        }
        // A concurrent refund that got past the check fails on the unique key and rolls back.
        jdbc.sql("INSERT INTO credit_ledger (id, team_id, generation_id, reason, delta, created_at) VALUES (?, ?, ?, 'REFUND', ?, ?)")
                .params(Ids.uuid(), charge.get().teamId(), generationId, charge.get().amount(), Timestamps.db(Timestamps.now()))
                .update();
        jdbc.sql("UPDATE teams SET credits = credits + ? WHERE id = ?")
                .params(charge.get().amount(), charge.get().teamId())
                .update();
        return charge.get().amount();
    }

    private record ChargeRow(String teamId, long amount) {
    }
}
