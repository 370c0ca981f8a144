package io.atelier.bot.chat;

import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_deliveries} table. */
@Repository
class ChatDeliveryRepository {

    private static final String COLUMNS = """
            id, generation_id, team_id, platform, tenant_id, user_id, channel_id, target_json, state, last_view,
            last_edit_at, attempts, last_error, created_at""";

    private final JdbcClient jdbc;

    ChatDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ChatDelivery d) {
        jdbc.sql("INSERT INTO chat_deliveries (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.generationId(), d.teamId(), d.platform().name(), d.tenantId(), d.userId(),
                        d.target().channelId(), Json.write(d.target().data()), d.state().name(), d.lastView(),
                        Timestamps.db(d.lastEditAt()), d.attempts(), d.lastError(), Timestamps.db(d.createdAt()),
                        Timestamps.db(d.createdAt()))
                .update();
    }

    Optional<ChatDelivery> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_deliveries WHERE id = ?").param(id).query(this::map).optional();
    }

    List<ChatDelivery> activeForGeneration(String generationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_deliveries WHERE generation_id = ? AND state = 'ACTIVE'")
                .param(generationId).query(this::map).list();
    }

    /** Ids of the active deliveries older than {@code before}, oldest first (at most {@code limit}). */
    List<String> activeCreatedBefore(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM chat_deliveries WHERE state = 'ACTIVE' AND created_at < ? ORDER BY created_at LIMIT ?")
                .params(Timestamps.db(before), limit).query(String.class).list();
    }

    List<ChatDelivery> forGeneration(String generationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_deliveries WHERE generation_id = ? ORDER BY created_at")
                .param(generationId).query(this::map).list();
    }

    /** Records a shown view (and the target as updated by the channel). */
    void shown(String id, String view, Instant at, DeliveryTarget target, ChatDelivery.State state) {
        jdbc.sql("""
                        UPDATE chat_deliveries SET last_view = ?, last_edit_at = ?, target_json = ?, channel_id = ?, state = ?,
                        attempts = 0, last_error = NULL, updated_at = ? WHERE id = ?""")
                .params(view, Timestamps.db(at), Json.write(target.data()), target.channelId(), state.name(),
                        Timestamps.db(at), id)
                .update();
    }

    void failedAttempt(String id, int attempts, String error, Instant at) {
        jdbc.sql("UPDATE chat_deliveries SET attempts = ?, last_error = ?, updated_at = ? WHERE id = ?")
                .params(attempts, truncate(error), Timestamps.db(at), id)
                .update();
    }

    void updateTarget(String id, DeliveryTarget target) {
        jdbc.sql("UPDATE chat_deliveries SET target_json = ?, channel_id = ? WHERE id = ?")
                .params(Json.write(target.data()), target.channelId(), id)
                .update();
    }

    void finish(String id, ChatDelivery.State state, String error, Instant at) {
        jdbc.sql("UPDATE chat_deliveries SET state = ?, last_error = ?, updated_at = ? WHERE id = ?")
                .params(state.name(), truncate(error), Timestamps.db(at), id)
                .update();
    }

    private ChatDelivery map(ResultSet rs, int row) throws SQLException {
        DeliveryTarget target = new DeliveryTarget(rs.getString("channel_id"), Json.readStringMap(rs.getString("target_json")));
        return new ChatDelivery(rs.getString("id"), rs.getString("generation_id"), rs.getString("team_id"),
                ChatPlatform.valueOf(rs.getString("platform")), rs.getString("tenant_id"), rs.getString("user_id"), target,
                ChatDelivery.State.valueOf(rs.getString("state")), rs.getString("last_view"),
                instant(rs.getObject("last_edit_at", OffsetDateTime.class)), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs.getObject("created_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
