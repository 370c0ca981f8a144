package io.atelier.core.api.idempotency;

import io.atelier.core.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_keys} table: one row per (team, key), first claimed {@code IN_FLIGHT} by
 * the request that brought the key, then {@code DONE} with the answer to replay.
 *
 * <p>Every instance on the database sees the same rows, so a retry that lands on another instance
 * is recognised too. The primary key makes the claim atomic: of two concurrent first requests one
 * inserts, the other sees the row. A row left {@code IN_FLIGHT} by an instance that died is taken
 * over once its {@code locked_until} has passed (compare-and-set on that column).
 */
@Component
class IdempotencyStore {

    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String DONE = "DONE";

    /** A stored row. */
    record Entry(String requestHash, String requestPath, String state, Integer responseStatus, String responseHeaders,
                 byte[] responseBody, Instant lockedUntil, Instant expiresAt) {
    }

    /** What a claim found. */
    sealed interface Claim {
        /** This request holds the key now and must {@link #complete} or {@link #release} it. */
        record Claimed() implements Claim { }

        /** An earlier request with the same fingerprint answered; replay its answer. */
        record Replay(Entry entry) implements Claim { }

        /** The key belongs to a different request. */
        record Mismatch(Entry entry) implements Claim { }

        /** The earlier request with the key has not answered yet. */
        record InFlight(Entry entry) implements Claim { }
    }

    private static final String COLUMNS = "request_hash, request_path, state, response_status, response_headers, "
            + "response_body, locked_until, expires_at";

    private final JdbcClient jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock;

    @Autowired
    IdempotencyStore(JdbcClient jdbc, IdempotencyProperties properties) {
        this(jdbc, properties, Clock.systemUTC());
    }

    IdempotencyStore(JdbcClient jdbc, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Claim claim(String teamId, String key, String requestHash, String requestPath) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            Optional<Entry> existing = find(teamId, key);
            if (existing.isPresent() && !existing.get().expiresAt().isAfter(now)) {
                // Expired but not yet cleaned up: as if absent.
                jdbc.sql("DELETE FROM idempotency_keys WHERE team_id = ? AND idempotency_key = ? AND expires_at = ?")
                        .params(teamId, key, Timestamps.db(existing.get().expiresAt())).update();
                existing = Optional.empty();
            }
            if (existing.isEmpty()) {
                try {
                    jdbc.sql("INSERT INTO idempotency_keys (team_id, idempotency_key, request_hash, request_path, state, "
                                    + "created_at, locked_until, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(teamId, key, requestHash, requestPath, IN_FLIGHT, Timestamps.db(now),
                                    Timestamps.db(now.plus(properties.inFlightTimeout())),
                                    Timestamps.db(now.plus(properties.ttl())))
                            .update();
                    return new Claim.Claimed();
                } catch (DuplicateKeyException concurrentFirst) {
                    continue;
                }
            }
            Entry entry = existing.get();
            if (!entry.requestHash().equals(requestHash)) {
                return new Claim.Mismatch(entry);
            }
            if (entry.state().equals(DONE)) {
                return new Claim.Replay(entry);
            }
            if (entry.lockedUntil().isAfter(now)) {
                return new Claim.InFlight(entry);
            }
            int taken = jdbc.sql("UPDATE idempotency_keys SET locked_until = ? WHERE team_id = ? AND idempotency_key = ? "
                            + "AND state = ? AND locked_until = ?")
                    .params(Timestamps.db(now.plus(properties.inFlightTimeout())), teamId, key, IN_FLIGHT,
                            Timestamps.db(entry.lockedUntil()))
                    .update();
            if (taken == 1) {
                return new Claim.Claimed();
            }
        }
        throw new IllegalStateException("idempotency key " + key + " kept changing under concurrent requests");
    }

    /** Stores the answer of the claimed request for replay. */
    void complete(String teamId, String key, int status, String headersJson, byte[] body) {
        jdbc.sql("UPDATE idempotency_keys SET state = ?, response_status = ?, response_headers = ?, response_body = ? "
                        + "WHERE team_id = ? AND idempotency_key = ? AND state = ?")
                .params(DONE, status, headersJson, body, teamId, key, IN_FLIGHT)
                .update();
    }

    /** Gives the key up (the request failed without a definite answer): a retry runs afresh. */
    void release(String teamId, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE team_id = ? AND idempotency_key = ? AND state = ?")
                .params(teamId, key, IN_FLIGHT).update();
    }

    /** Deletes the keys past their time to live; returns how many. */
    int deleteExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at < ?").param(Timestamps.db(clock.instant())).update();
    }

    Optional<Entry> find(String teamId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM idempotency_keys WHERE team_id = ? AND idempotency_key = ?")
                .params(teamId, key)
                .query(IdempotencyStore::entry)
                .optional();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("response_status");
        Integer responseStatus = rs.wasNull() ? null : status;
        return new Entry(rs.getString("request_hash"), rs.getString("request_path"), rs.getString("state"), responseStatus,
                rs.getString("response_headers"), rs.getBytes("response_body"),
                rs.getObject("locked_until", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }
}
