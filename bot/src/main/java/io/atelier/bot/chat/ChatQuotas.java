package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationQueries;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per-user and per-tenant limits on chat jobs: how many may be queued or running at once, and how
 * many may start per UTC day. Per-role overrides raise (or lower) a user's limits: the most
 * generous matching role wins, 0 meaning unlimited.
 *
 * <p>{@link #check} alone is advisory (it answers {@code /quota} and refuses early, before any
 * prompt work). The binding check is {@link #checkLocked}, which {@link ChatImagine} runs inside the
 * transaction that stores the generation and records its chat job: it first locks the tenant's
 * {@code chat_tenants} row ({@code SELECT ... FOR UPDATE}, the same on PostgreSQL and H2), so the
 * count and the new job are atomic against every other submission of the tenant, on any instance.
 * Repeated blocked prompts are limited by the core's per-principal cooldown
 * ({@code PromptCooldownException}), which {@link ChatImagine} turns into a "try again at" answer.
 */
@Service
public class ChatQuotas {

    private final ChatJobRepository jobs;
    private final ChatTenantRepository tenantTeams;
    private final GenerationQueries generations;
    private final ChatProperties properties;
    private final Clock clock;
    /** Per-tenant quotas; null in tests of the global rules alone. */
    private final ChatTenantSettings tenants;

    @Autowired
    ChatQuotas(ChatJobRepository jobs, ChatTenantRepository tenantTeams, GenerationQueries generations,
               ChatProperties properties, ChatTenantSettings tenants) {
        this(jobs, tenantTeams, generations, properties, Clock.systemUTC(), tenants);
    }

    ChatQuotas(ChatJobRepository jobs, ChatTenantRepository tenantTeams, GenerationQueries generations,
               ChatProperties properties, Clock clock, ChatTenantSettings tenants) {
        this.jobs = jobs;
        this.tenantTeams = tenantTeams;
        this.generations = generations;
        this.properties = properties;
        this.clock = clock;
        this.tenants = tenants;
    }

    /** What the user may still do: their effective limits and current usage (every count). */
    public Usage usage(ChatUser user) {
        return usage(user, limitsFor(user), true);
    }

    /**
     * The counts; with {@code all} false only those whose limit is on (a limit of 0 is off, and its
     * count is reported as 0): a submission pays only for the limits that can refuse it.
     *
     * <p>The "running" counts start from the tenant team's active generations, as the generation
     * feature lists them ({@link GenerationQueries#activeIds}: few rows), and look each one up in
     * {@code chat_jobs} by its key, instead of joining every chat job the tenant ever had to its
     * generation, which grew with the tenant's history on every {@code /imagine}. The daily counts
     * are two rows of {@code chat_daily_usage} read by key, kept by {@link ChatJobRepository#recordJob}.
     */
    private Usage usage(ChatUser user, Limits limits, boolean all) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        ChatJobRepository.JobCounts running = new ChatJobRepository.JobCounts(0, 0);
        if (all || limits.userConcurrent() > 0 || limits.tenantConcurrent() > 0) {
            Optional<String> team = tenantTeams.findTeam(user.platform(), user.tenantId());
            if (team.isPresent()) {
                running = jobs.countAmong(generations.activeIds(team.get()), user);
            }
        }
        ChatJobRepository.JobCounts daily = all || limits.userDaily() > 0 || limits.tenantDaily() > 0
                ? jobs.dailyJobs(user, today) : new ChatJobRepository.JobCounts(0, 0);
        Instant dayEndsAt = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Usage(limits, running.user(), daily.user(), running.tenant(), daily.tenant(), dayEndsAt);
    }

    /** Whether the user may start one more job now. */
    public QuotaDecision check(ChatUser user) {
        Usage u = usage(user, limitsFor(user), false);
        Limits l = u.limits();
        if (over(u.userToday(), l.userDaily())) {
            return new QuotaDecision.Denied("user-daily", "You have used your " + l.userDaily()
                    + " images for today.", u.dayEndsAt());
        }
        if (over(u.tenantToday(), l.tenantDaily())) {
            return new QuotaDecision.Denied("tenant-daily", "This server has used its " + l.tenantDaily()
                    + " images for today.", u.dayEndsAt());
        }
        if (over(u.userRunning(), l.userConcurrent())) {
            return new QuotaDecision.Denied("user-concurrent", "You already have " + u.userRunning()
                    + " job(s) running (limit " + l.userConcurrent() + "); try again when one finishes.", null);
        }
        if (over(u.tenantRunning(), l.tenantConcurrent())) {
            return new QuotaDecision.Denied("tenant-concurrent", "This server already has " + u.tenantRunning()
                    + " job(s) running (limit " + l.tenantConcurrent() + "); try again when one finishes.", null);
        }
        return new QuotaDecision.Allowed();
    }

    /**
     * {@link #check}, serialised with every other locked check of the user's tenant: locks the
     * tenant's {@code chat_tenants} row until the surrounding transaction ends. Call it inside the
     * transaction that also records the new chat job (see {@link ChatImagine}), after
     * {@link ChatAccounts#callerFor} made the row exist.
     *
     * <p>One lock per tenant, not per user: it covers the tenant limits as well as the user ones,
     * and it costs little concurrency, as it is held only for the short storing transaction (no
     * prompt work), which for a paid job already locks the tenant team's one {@code teams} row when
     * it charges. Under READ COMMITTED (both databases' default) the counts that follow the lock
     * are fresh statements, so they see the jobs committed by whoever held the lock before.
     *
     * @throws IllegalStateException outside a transaction (the lock would end with the statement)
     */
    QuotaDecision checkLocked(ChatUser user) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("checkLocked needs a transaction");
        }
        tenantTeams.lockTeam(user.platform(), user.tenantId())
                .orElseThrow(() -> new IllegalStateException("no chat tenant " + user.platform() + ":" + user.tenantId()));
        return check(user);
    }

    private static boolean over(long used, int limit) {
        return limit > 0 && used >= limit;
    }

    Limits limitsFor(ChatUser user) {
        ChatProperties.Quota q = properties.quota();
        int concurrent = q.userConcurrent();
        int daily = q.userDaily();
        Collection<String> roles = user.roles();
        boolean matched = false;
        for (String role : roles) {
            ChatProperties.RoleLimits r = q.roles().get(role);
            if (r == null) {
                continue;
            }
            if (!matched) {
                concurrent = r.concurrent();
                daily = r.daily();
                matched = true;
            } else {
                concurrent = generous(concurrent, r.concurrent());
                daily = generous(daily, r.daily());
            }
        }
        int tenantConcurrent = q.tenantConcurrent();
        int tenantDaily = q.tenantDaily();
        if (tenants != null) {
            // The guild's or workspace's own quotas, set by its admins, replace the global ones.
            ChatTenantSettings.Settings own = tenants.get(user.platform(), user.tenantId());
            concurrent = own.userConcurrent() != null && !matched ? own.userConcurrent() : concurrent;
            daily = own.userDaily() != null && !matched ? own.userDaily() : daily;
            tenantConcurrent = own.tenantConcurrent() != null ? own.tenantConcurrent() : tenantConcurrent;
            tenantDaily = own.tenantDaily() != null ? own.tenantDaily() : tenantDaily;
        }
        return new Limits(concurrent, daily, tenantConcurrent, tenantDaily);
    }

    private static int generous(int a, int b) {
        return a == 0 || b == 0 ? 0 : Math.max(a, b);
    }

    /** Effective limits (0 = unlimited). */
    public record Limits(int userConcurrent, int userDaily, int tenantConcurrent, int tenantDaily) {
    }

    /** Limits and what is used of them; {@code dayEndsAt} is when the daily counts reset. */
    public record Usage(Limits limits, long userRunning, long userToday, long tenantRunning, long tenantToday,
                        Instant dayEndsAt) {
    }
}
