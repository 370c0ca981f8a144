package io.atelier.tools.mcp;

import io.atelier.core.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The MCP state that must outlive one instance (V30): Streamable HTTP sessions, resource
 * subscriptions and which generation each tools/call started. Plain JDBC on H2 and PostgreSQL;
 * every method is one short statement, safe to call from any thread.
 */
@Repository
class McpSessionStore {

    /** A session as stored: whose it is and what the client said at initialize. */
    record StoredSession(String id, String teamId, String principal, String protocolVersion, String clientJson,
                         Instant lastSeenAt) {
    }

    /** A subscription that has not been notified yet. */
    record PendingSubscription(String sessionId, String uri, String generationId) {
    }

    private final JdbcClient jdbc;

    McpSessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(StoredSession session) {
        Instant now = Timestamps.now();
        jdbc.sql("INSERT INTO mcp_sessions (id, team_id, principal, protocol_version, client_json, created_at, last_seen_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(session.id(), session.teamId(), session.principal(), session.protocolVersion(), session.clientJson(),
                        Timestamps.db(now), Timestamps.db(now))
                .update();
    }

    Optional<StoredSession> find(String id) {
        return jdbc.sql("SELECT id, team_id, principal, protocol_version, client_json, last_seen_at FROM mcp_sessions WHERE id = ?")
                .param(id)
                .query((rs, n) -> new StoredSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Marks the session used now; false when it no longer exists (deleted or expired on any instance). */
    boolean touch(String id) {
        return jdbc.sql("UPDATE mcp_sessions SET last_seen_at = ? WHERE id = ?").params(Timestamps.db(Timestamps.now()), id)
                .update() == 1;
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM mcp_subscriptions WHERE session_id = ?").param(id).update();
        jdbc.sql("DELETE FROM mcp_tool_calls WHERE session_id = ?").param(id).update();
        jdbc.sql("DELETE FROM mcp_sessions WHERE id = ?").param(id).update();
    }

    /** Forgets sessions idle for longer than {@code idle}, with their subscriptions and calls. */
    int expire(Duration idle) {
        var cutoff = Timestamps.db(Timestamps.now().minus(idle));
        jdbc.sql("DELETE FROM mcp_subscriptions WHERE session_id IN (SELECT id FROM mcp_sessions WHERE last_seen_at < ?)")
                .param(cutoff).update();
        jdbc.sql("DELETE FROM mcp_tool_calls WHERE created_at < ?").param(cutoff).update();
        return jdbc.sql("DELETE FROM mcp_sessions WHERE last_seen_at < ?").param(cutoff).update();
    }

    /**
     * Records a subscription (again: a repeated subscribe resets it).
     *
     * @param generationId the generation to watch, or null for a resource that never changes
     * @param done         nothing will change any more: stored as already notified
     */
    void subscribe(String sessionId, String uri, String generationId, boolean done) {
        var now = Timestamps.db(Timestamps.now());
        var notified = done ? now : null;
        int updated = jdbc.sql("UPDATE mcp_subscriptions SET generation_id = ?, created_at = ?, notified_at = ? "
                        + "WHERE session_id = ? AND uri = ?")
                .params(generationId, now, notified, sessionId, uri).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO mcp_subscriptions (session_id, uri, generation_id, created_at, notified_at) "
                                + "VALUES (?, ?, ?, ?, ?)")
                        .params(sessionId, uri, generationId, now, notified).update();
            } catch (DuplicateKeyException concurrent) {
                // The same subscribe arrived twice at once: one row is what we want.
            }
        }
    }

    void unsubscribe(String sessionId, String uri) {
        jdbc.sql("DELETE FROM mcp_subscriptions WHERE session_id = ? AND uri = ?").params(sessionId, uri).update();
    }

    List<PendingSubscription> pending(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(sessionIds.size(), "?"));
        return jdbc.sql("SELECT session_id, uri, generation_id FROM mcp_subscriptions WHERE notified_at IS NULL "
                        + "AND generation_id IS NOT NULL AND session_id IN (" + marks + ")")
                .params(List.copyOf(sessionIds))
                .query((rs, n) -> new PendingSubscription(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Marks a subscription notified; false when another instance (or an unsubscribe) got there first. */
    boolean markNotified(String sessionId, String uri) {
        return jdbc.sql("UPDATE mcp_subscriptions SET notified_at = ? WHERE session_id = ? AND uri = ? AND notified_at IS NULL")
                .params(Timestamps.db(Timestamps.now()), sessionId, uri).update() == 1;
    }

    void recordCall(String sessionId, String requestId, String generationId) {
        try {
            jdbc.sql("INSERT INTO mcp_tool_calls (session_id, request_id, generation_id, created_at) VALUES (?, ?, ?, ?)")
                    .params(sessionId, requestId, generationId, Timestamps.db(Timestamps.now())).update();
        } catch (DuplicateKeyException reused) {
            jdbc.sql("UPDATE mcp_tool_calls SET generation_id = ? WHERE session_id = ? AND request_id = ?")
                    .params(generationId, sessionId, requestId).update();
        }
    }

    Optional<String> findCall(String sessionId, String requestId) {
        return jdbc.sql("SELECT generation_id FROM mcp_tool_calls WHERE session_id = ? AND request_id = ?")
                .params(sessionId, requestId).query(String.class).optional();
    }
}
