package io.atelier.core.prompt.moderation;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Team blocklists ({@code moderation_blocklist}), blocked-prompt events ({@code moderation_blocks})
 * and cooldowns ({@code moderation_cooldowns}). Every statement is auto-committed: a block is
 * recorded even though the request that caused it fails.
 */
@Repository
class ModerationRepository {

    private final JdbcClient jdbc;

    ModerationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TeamBlocklistEntry> entries(String teamId) {
        return jdbc.sql("SELECT id, team_id, entry, category, created_at FROM moderation_blocklist WHERE team_id = ? ORDER BY created_at, id")
                .param(teamId)
                .query((rs, i) -> new TeamBlocklistEntry(rs.getString("id"), rs.getString("team_id"), rs.getString("entry"),
                        rs.getString("category"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    long countEntries(String teamId) {
        return jdbc.sql("SELECT COUNT(*) FROM moderation_blocklist WHERE team_id = ?").param(teamId).query(Long.class).single();
    }

    /** @throws DuplicateKeyException when the team already has this entry */
    void insertEntry(TeamBlocklistEntry e) {
        jdbc.sql("INSERT INTO moderation_blocklist (id, team_id, entry, category, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(e.id(), e.teamId(), e.entry(), e.category(), Timestamps.db(e.createdAt()))
                .update();
    }

    boolean deleteEntry(String teamId, String id) {
        return jdbc.sql("DELETE FROM moderation_blocklist WHERE team_id = ? AND id = ?").params(teamId, id).update() == 1;
    }

    void recordBlock(String teamId, String principal, String rule, String category, String excerpt, Instant at) {
        jdbc.sql("""
                        INSERT INTO moderation_blocks (id, team_id, principal, rule, category, prompt_excerpt, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.uuid(), teamId, principal, rule, category, excerpt, Timestamps.db(at))
                .update();
    }

    long blocksSince(String teamId, String principal, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM moderation_blocks WHERE team_id = ? AND principal = ? AND created_at >= ?")
                .params(teamId, principal, Timestamps.db(since)).query(Long.class).single();
    }

    Optional<Instant> cooldownUntil(String teamId, String principal) {
        return jdbc.sql("SELECT until_at FROM moderation_cooldowns WHERE team_id = ? AND principal = ?")
                .params(teamId, principal)
                .query((rs, i) -> rs.getObject("until_at", OffsetDateTime.class).toInstant())
                .optional();
    }

    void setCooldown(String teamId, String principal, Instant until) {
        int updated = jdbc.sql("UPDATE moderation_cooldowns SET until_at = ? WHERE team_id = ? AND principal = ?")
                .params(Timestamps.db(until), teamId, principal).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO moderation_cooldowns (team_id, principal, until_at) VALUES (?, ?, ?)")
                        .params(teamId, principal, Timestamps.db(until)).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("UPDATE moderation_cooldowns SET until_at = ? WHERE team_id = ? AND principal = ?")
                        .params(Timestamps.db(until), teamId, principal).update();
            }
        }
    }

    List<Cooldown> activeCooldowns(String teamId, Instant now) {
        return jdbc.sql("SELECT principal, until_at FROM moderation_cooldowns WHERE team_id = ? AND until_at > ? ORDER BY until_at DESC")
                .params(teamId, Timestamps.db(now))
                .query((rs, i) -> new Cooldown(teamId, rs.getString("principal"),
                        rs.getObject("until_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    boolean clearCooldown(String teamId, String principal) {
        return jdbc.sql("DELETE FROM moderation_cooldowns WHERE team_id = ? AND principal = ?")
                .params(teamId, principal).update() == 1;
    }
}
