package io.atelier.bot.leader;

import io.atelier.core.common.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One named lease in {@code leader_leases}, contended by instances: at most one holds it at a time.
 * {@link #tryAcquire()} takes a free or expired lease, or renews the caller's own, with one
 * conditional {@code UPDATE} (or an {@code INSERT} for a lease never taken before; the primary key
 * lets one of two racing inserts win). Both are single statements, atomic on H2 and PostgreSQL.
 *
 * <p>Time: expiries are written and compared with this instance's clock, so instances' clocks must
 * agree to well within the TTL (NTP). A holder that cannot renew must consider itself no longer the
 * holder once {@code ttl} has passed since its last successful renewal ({@link LeaderElection} does).
 *
 * <p>Thread-safe (no state besides the database's).
 */
public final class DatabaseLease {

    private final JdbcTemplate jdbc;
    private final String name;
    private final String holderId;
    private final Duration ttl;
    private final Clock clock;

    public DatabaseLease(JdbcTemplate jdbc, String name, String holderId, Duration ttl, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.name = Objects.requireNonNull(name, "name");
        this.holderId = Objects.requireNonNull(holderId, "holderId");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes or renews the lease until now + ttl.
     *
     * @return whether this holder holds the lease now
     */
    public boolean tryAcquire() {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                        UPDATE leader_leases SET holder_id = ?, expires_at = ?,
                               acquired_at = CASE WHEN holder_id = ? THEN acquired_at ELSE ? END
                        WHERE lease_name = ? AND (holder_id = ? OR expires_at < ?)""",
                holderId, Timestamps.db(now.plus(ttl)), holderId, Timestamps.db(now), name, holderId, Timestamps.db(now));
        if (updated == 1) {
            return true;
        }
        try {
            jdbc.update("INSERT INTO leader_leases (lease_name, holder_id, expires_at, acquired_at) VALUES (?, ?, ?, ?)",
                    name, holderId, Timestamps.db(now.plus(ttl)), Timestamps.db(now));
            return true;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    /** Gives the lease up at once (only if this holder has it), so another instance need not wait for the expiry. */
    public void release() {
        jdbc.update("UPDATE leader_leases SET expires_at = ? WHERE lease_name = ? AND holder_id = ?",
                Timestamps.db(Instant.EPOCH), name, holderId);
    }

    /** The current holder's id, if the lease is held (not expired). */
    public Optional<String> holder() {
        return jdbc.query("SELECT holder_id FROM leader_leases WHERE lease_name = ? AND expires_at >= ?",
                (rs, n) -> rs.getString(1), name, Timestamps.db(clock.instant())).stream().findFirst();
    }

    public String name() {
        return name;
    }

    public String holderId() {
        return holderId;
    }

    public Duration ttl() {
        return ttl;
    }
}
