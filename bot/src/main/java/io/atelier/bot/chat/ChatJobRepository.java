package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code chat_jobs} table (which chat user started which generation) and the per-day counters of
 * {@code chat_daily_usage}. It never reads {@code generations}: whatever needs a generation's state
 * asks the generation feature for ids and looks those up here.
 */
@Repository
class ChatJobRepository {

    /** The {@code chat_daily_usage.user_id} of a tenant's own daily count (chat user ids are never empty). */
    static final String WHOLE_TENANT = "";

    private final JdbcClient jdbc;

    ChatJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a chat job and counts it in {@code chat_daily_usage} for its user and its tenant (UTC
     * day of {@code at}). Call it under the tenant's lock ({@link ChatQuotas#checkLocked}) or
     * outside a transaction: the counters are "update, else insert", and two first jobs of a day
     * racing inside transactions would make the second insert fail.
     */
    void recordJob(String generationId, String teamId, ChatUser user, String channelId, Instant at) {
        jdbc.sql("""
                        INSERT INTO chat_jobs (generation_id, team_id, platform, tenant_id, user_id, channel_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(generationId, teamId, user.platform().name(), user.tenantId(), user.userId(), channelId,
                        Timestamps.db(at))
                .update();
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        countDailyJob(user, user.userId(), day);
        countDailyJob(user, WHOLE_TENANT, day);
    }

    private void countDailyJob(ChatUser user, String userId, LocalDate day) {
        String platform = user.platform().name();
        if (incrementDailyJobs(platform, user.tenantId(), userId, day) == 0) {
            try {
                jdbc.sql("INSERT INTO chat_daily_usage (platform, tenant_id, user_id, usage_day, jobs) VALUES (?, ?, ?, ?, 1)")
                        .params(platform, user.tenantId(), userId, day)
                        .update();
            } catch (DuplicateKeyException concurrentFirstJob) {
                incrementDailyJobs(platform, user.tenantId(), userId, day);
            }
        }
    }

    private int incrementDailyJobs(String platform, String tenantId, String userId, LocalDate day) {
        return jdbc.sql("UPDATE chat_daily_usage SET jobs = jobs + 1 WHERE platform = ? AND tenant_id = ? AND user_id = ? AND usage_day = ?")
                .params(platform, tenantId, userId, day)
                .update();
    }

    boolean jobExists(String generationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_jobs WHERE generation_id = ?").param(generationId)
                .query(Long.class).single() > 0;
    }

    /** The generation ids of the user's latest {@code limit} jobs, newest first. */
    List<String> recentGenerationIds(ChatUser user, int limit) {
        return jdbc.sql("""
                        SELECT generation_id FROM chat_jobs WHERE platform = ? AND tenant_id = ? AND user_id = ?
                        ORDER BY created_at DESC LIMIT ?""")
                .params(user.platform().name(), user.tenantId(), user.userId(), limit)
                .query(String.class)
                .list();
    }

    /**
     * How many of these generations are jobs of the user's tenant, and of those how many the user's
     * own (by primary key: one lookup per id).
     */
    JobCounts countAmong(Collection<String> generationIds, ChatUser user) {
        if (generationIds.isEmpty()) {
            return new JobCounts(0, 0);
        }
        MapSqlParameterSource params = new MapSqlParameterSource("ids", generationIds)
                .addValue("platform", user.platform().name()).addValue("tenant", user.tenantId())
                .addValue("user", user.userId());
        return jdbc.sql("""
                        SELECT COUNT(*) AS tenant_jobs, COALESCE(SUM(CASE WHEN user_id = :user THEN 1 ELSE 0 END), 0) AS user_jobs
                        FROM chat_jobs WHERE generation_id IN (:ids) AND platform = :platform AND tenant_id = :tenant""")
                .paramSource(params)
                .query((rs, i) -> new JobCounts(rs.getLong("user_jobs"), rs.getLong("tenant_jobs")))
                .single();
    }

    /** Jobs among some generations: the user's own and the whole tenant's. */
    record JobCounts(long user, long tenant) {
    }

    /** The user's and the tenant's job counts of a UTC day (two rows read by key). */
    JobCounts dailyJobs(ChatUser user, LocalDate day) {
        Map<String, Long> jobs = new HashMap<>();
        jdbc.sql("SELECT user_id, jobs FROM chat_daily_usage WHERE platform = ? AND tenant_id = ? AND usage_day = ? AND user_id IN (?, ?)")
                .params(user.platform().name(), user.tenantId(), day, user.userId(), WHOLE_TENANT)
                .query(rs -> {
                    jobs.put(rs.getString("user_id"), rs.getLong("jobs"));
                });
        return new JobCounts(jobs.getOrDefault(user.userId(), 0L), jobs.getOrDefault(WHOLE_TENANT, 0L));
    }
}
