package io.atelier.core.gallery;

import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The gallery tables ({@code gallery_entries}, {@code gallery_reports}, {@code gallery_appeals})
 * and the append-only {@code moderation_audit} (insert and read only). Status changes are
 * compare-and-set on the current status, so two moderators can never both win a decision.
 */
@Repository
class GalleryRepository {

    /**
     * An entry with what it shows of its generation: copied into the entry when it is entered (V61),
     * so no read here joins the generation feature's table.
     */
    private static final String ENTRY_SELECT = """
            SELECT e.generation_id, e.team_id, e.status, e.author_name, e.image_id, e.thumbnail_hash, e.thumbnail_mime,
                   e.reason, e.note, e.rejections, e.open_reports, e.views, e.original_prompt, e.model, e.width, e.height,
                   e.generation_created_at, e.submitted_at, e.decided_at, e.approved_at
            FROM gallery_entries e""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    GalleryRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    Optional<GalleryEntry> find(String generationId) {
        return jdbc.sql(ENTRY_SELECT + " WHERE e.generation_id = ?").param(generationId)
                .query(GalleryRepository::mapEntry).optional();
    }

    /** A new entry of the generation, with the generation's prompt, model, size and creation time. */
    void insert(Generation generation, GalleryStatus status, String authorName, Instant now) {
        jdbc.sql("""
                        INSERT INTO gallery_entries (generation_id, team_id, status, author_name, rejections, open_reports, views,
                                                     original_prompt, model, width, height, generation_created_at,
                                                     submitted_at, approved_at, decided_at, updated_at)
                        VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(generation.id(), generation.teamId(), status.name(), authorName,
                generation.asked().originalPrompt(),
                        generation.asked().model(), generation.asked().width(), generation.asked().height(),
                        Timestamps.db(generation.timing().createdAt()),
                        Timestamps.db(now),
                        status == GalleryStatus.APPROVED ? Timestamps.db(now) : null,
                        status == GalleryStatus.APPROVED ? Timestamps.db(now) : null, Timestamps.db(now))
                .update();
    }

    /** Re-publishing a withdrawn entry: WITHDRAWN → status, with a fresh submission time. */
    boolean republish(String generationId, GalleryStatus status, String authorName, Instant now) {
        return jdbc.sql("""
                        UPDATE gallery_entries SET status = ?, author_name = ?, submitted_at = ?, reason = NULL, note = NULL,
                               approved_at = CASE WHEN ? THEN ? ELSE approved_at END, updated_at = ?
                        WHERE generation_id = ? AND status = 'WITHDRAWN'""")
                .params(status.name(), authorName, Timestamps.db(now), status == GalleryStatus.APPROVED, Timestamps.db(now),
                        Timestamps.db(now), generationId)
                .update() == 1;
    }

    /**
     * Compare-and-set of the status with the decision's reason and note. {@code decided} stamps
     * {@code decided_at}; entering APPROVED stamps {@code approved_at}; entering REJECTED counts a
     * rejection.
     */
    boolean transition(String generationId, GalleryStatus expected, GalleryStatus next, String reason, String note,
                       boolean decided, Instant now) {
        return jdbc.sql("""
                        UPDATE gallery_entries SET status = ?, reason = ?, note = ?,
                               decided_at = CASE WHEN ? THEN ? ELSE decided_at END,
                               approved_at = CASE WHEN ? THEN ? ELSE approved_at END,
                               rejections = rejections + CASE WHEN ? THEN 1 ELSE 0 END,
                               updated_at = ?
                        WHERE generation_id = ? AND status = ?""")
                .params(next.name(), reason, note, decided, Timestamps.db(now), next == GalleryStatus.APPROVED,
                        Timestamps.db(now), next == GalleryStatus.REJECTED, Timestamps.db(now), generationId, expected.name())
                .update() == 1;
    }

    void setThumbnail(String generationId, String imageId, String hash, String mime) {
        jdbc.sql("UPDATE gallery_entries SET image_id = ?, thumbnail_hash = ?, thumbnail_mime = ? WHERE generation_id = ?")
                .params(imageId, hash, mime, generationId).update();
    }

    void incrementViews(String generationId) {
        jdbc.sql("UPDATE gallery_entries SET views = views + 1 WHERE generation_id = ? AND status = 'APPROVED'")
                .param(generationId).update();
    }

    /** Approved entries, newest or most viewed first, optionally filtered by prompt text and model. */
    List<GalleryEntry> listPublic(String query, String model, GallerySort sort, int limit, int offset) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
        String where = publicWhere(query, model, params);
        String order = sort == GallerySort.TOP ? "e.views DESC, e.approved_at DESC, e.generation_id DESC"
                : "e.approved_at DESC, e.generation_id DESC";
        return named.query(ENTRY_SELECT + " WHERE " + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset",
                params, GalleryRepository::mapEntry);
    }

    long countPublic(String query, String model) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = publicWhere(query, model, params);
        Long n = named.queryForObject("SELECT COUNT(*) FROM gallery_entries e WHERE "
                + where, params, Long.class);
        return n == null ? 0 : n;
    }

    private static String publicWhere(String query, String model, MapSqlParameterSource params) {
        String where = "e.status = 'APPROVED'";
        if (query != null && !query.isBlank()) {
            where += " AND LOWER(e.original_prompt) LIKE :q ESCAPE '!'";
            params.addValue("q", "%" + likeEscape(query.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (model != null && !model.isBlank()) {
            where += " AND e.model = :model";
            params.addValue("model", model.strip());
        }
        return where;
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Models that have at least one approved entry (the gallery's model filter). */
    List<String> publicModels() {
        return jdbc.sql("""
                        SELECT DISTINCT e.model FROM gallery_entries e
                        WHERE e.status = 'APPROVED' ORDER BY e.model""")
                .query(String.class).list();
    }

    /** The review queue: entries awaiting review, and approved entries with open reports; oldest first. */
    List<GalleryEntry> queue(int limit, int offset) {
        return jdbc.sql(ENTRY_SELECT + """
                         WHERE e.status = 'PENDING_REVIEW' OR (e.status = 'APPROVED' AND e.open_reports > 0)
                        ORDER BY e.open_reports DESC, e.submitted_at ASC, e.generation_id ASC LIMIT ? OFFSET ?""")
                .params(limit, offset).query(GalleryRepository::mapEntry).list();
    }

    long queueSize() {
        return jdbc.sql("SELECT COUNT(*) FROM gallery_entries e WHERE e.status = 'PENDING_REVIEW' OR (e.status = 'APPROVED' AND e.open_reports > 0)")
                .query(Long.class).single();
    }

    /** A team's entries, newest first. */
    List<GalleryEntry> listByTeam(String teamId, int limit, int offset) {
        return jdbc.sql(ENTRY_SELECT + " WHERE e.team_id = ? ORDER BY e.submitted_at DESC, e.generation_id DESC LIMIT ? OFFSET ?")
                .params(teamId, limit, offset).query(GalleryRepository::mapEntry).list();
    }

    // ---- reports ----

    void insertReport(String id, String generationId, String reason, String details, String reporter, String viewer, Instant now) {
        jdbc.sql("INSERT INTO gallery_reports (id, generation_id, reason, details, reporter, viewer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, generationId, reason, details, reporter, viewer, Timestamps.db(now)).update();
        jdbc.sql("UPDATE gallery_entries SET open_reports = open_reports + 1 WHERE generation_id = ?").param(generationId).update();
    }

    long reportsSince(String reporter, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM gallery_reports WHERE reporter = ? AND created_at >= ?")
                .params(reporter, Timestamps.db(since)).query(Long.class).single();
    }

    /** Whether this address, or this viewer cookie, ever reported the entry (resolved reports included). */
    boolean hasReportBy(String generationId, String reporter, String viewer) {
        if (viewer == null) {
            return jdbc.sql("SELECT COUNT(*) FROM gallery_reports WHERE generation_id = ? AND reporter = ?")
                    .params(generationId, reporter).query(Long.class).single() > 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM gallery_reports WHERE generation_id = ? AND (reporter = ? OR viewer = ?)")
                .params(generationId, reporter, viewer).query(Long.class).single() > 0;
    }

    /** Locks the entry's row until the transaction ends (serialises reports of one entry). */
    void lockEntry(String generationId) {
        jdbc.sql("SELECT generation_id FROM gallery_entries WHERE generation_id = ? FOR UPDATE").param(generationId)
                .query(String.class).list();
    }

    List<GalleryReport> reports(String generationId, boolean openOnly) {
        return jdbc.sql("SELECT id, generation_id, reason, details, reporter, created_at, resolved_at FROM gallery_reports"
                        + " WHERE generation_id = ?" + (openOnly ? " AND resolved_at IS NULL" : "") + " ORDER BY created_at, id")
                .param(generationId)
                .query(GalleryRepository::mapReport)
                .list();
    }

    /** Open reports of any entry, newest first. */
    List<GalleryReport> openReports(int limit) {
        return jdbc.sql("SELECT id, generation_id, reason, details, reporter, created_at, resolved_at FROM gallery_reports"
                        + " WHERE resolved_at IS NULL ORDER BY created_at DESC, id LIMIT ?")
                .param(limit)
                .query(GalleryRepository::mapReport)
                .list();
    }

    private static GalleryReport mapReport(ResultSet rs, int i) throws SQLException {
        String reporter = rs.getString("reporter");
        String tag = reporter == null ? null : reporter.substring(reporter.indexOf(':') + 1, Math.min(reporter.length(),
                reporter.indexOf(':') + 9));
        return new GalleryReport(rs.getString("id"), rs.getString("generation_id"), rs.getString("reason"),
                rs.getString("details"), instant(rs, "created_at"), instant(rs, "resolved_at"), tag);
    }

    void resolveReports(String generationId, Instant now) {
        jdbc.sql("UPDATE gallery_reports SET resolved_at = ? WHERE generation_id = ? AND resolved_at IS NULL")
                .params(Timestamps.db(now), generationId).update();
        jdbc.sql("UPDATE gallery_entries SET open_reports = 0 WHERE generation_id = ?").param(generationId).update();
    }

    // ---- appeals ----

    void insertAppeal(String id, String generationId, int round, String message, Instant now) {
        jdbc.sql("INSERT INTO gallery_appeals (id, generation_id, rejection_round, message, status, created_at) VALUES (?, ?, ?, ?, 'OPEN', ?)")
                .params(id, generationId, round, message, Timestamps.db(now)).update();
    }

    boolean appealExists(String generationId, int round) {
        return jdbc.sql("SELECT COUNT(*) FROM gallery_appeals WHERE generation_id = ? AND rejection_round = ?")
                .params(generationId, round).query(Long.class).single() > 0;
    }

    List<GalleryAppeal> appeals(String generationId) {
        return jdbc.sql("SELECT id, generation_id, rejection_round, message, status, created_at, decided_at FROM gallery_appeals"
                        + " WHERE generation_id = ? ORDER BY rejection_round")
                .param(generationId)
                .query(GalleryRepository::mapAppeal).list();
    }

    Optional<GalleryAppeal> openAppeal(String generationId) {
        return jdbc.sql("SELECT id, generation_id, rejection_round, message, status, created_at, decided_at FROM gallery_appeals"
                        + " WHERE generation_id = ? AND status = 'OPEN'")
                .param(generationId)
                .query(GalleryRepository::mapAppeal).optional();
    }

    void decideOpenAppeal(String generationId, String status, Instant now) {
        jdbc.sql("UPDATE gallery_appeals SET status = ?, decided_at = ? WHERE generation_id = ? AND status = 'OPEN'")
                .params(status, Timestamps.db(now), generationId).update();
    }

    // ---- audit (append-only: insert and select, nothing else) ----

    void audit(Actor actor, AuditAction action, String targetId, String teamId, GalleryStatus before, GalleryStatus after,
               String reason, String note, String requestId, Instant now) {
        jdbc.sql("""
                        INSERT INTO moderation_audit (actor_id, actor_name, actor_role, action, target_id, team_id, before_status,
                                                      after_status, reason, note, request_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(truncate(actor.id(), 200), truncate(actor.displayName(), 200), actor.role().name(), action.name(), targetId,
                        teamId, before == null ? null : before.name(), after == null ? null : after.name(), truncate(reason, 100),
                        note, truncate(requestId, 100), Timestamps.db(now))
                .update();
    }

    /** Audit rows, newest first; {@code targetId} null for all. */
    List<AuditEntry> auditLog(String targetId, int limit, int offset) {
        String sql = "SELECT id, actor_id, actor_name, actor_role, action, target_id, team_id, before_status, after_status, reason,"
                + " note, request_id, created_at FROM moderation_audit"
                + (targetId == null ? "" : " WHERE target_id = ?") + " ORDER BY id DESC LIMIT ? OFFSET ?";
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        spec = targetId == null ? spec.params(limit, offset) : spec.params(targetId, limit, offset);
        return spec.query((rs, i) -> new AuditEntry(rs.getLong("id"), rs.getString("actor_id"), rs.getString("actor_name"),
                ActorRole.valueOf(rs.getString("actor_role")), AuditAction.valueOf(rs.getString("action")), rs.getString("target_id"),
                rs.getString("team_id"), status(rs.getString("before_status")), status(rs.getString("after_status")),
                rs.getString("reason"), rs.getString("note"), rs.getString("request_id"), instant(rs, "created_at"))).list();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static GalleryStatus status(String s) {
        return s == null ? null : GalleryStatus.valueOf(s);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static GalleryAppeal mapAppeal(ResultSet rs, int i) throws SQLException {
        return new GalleryAppeal(rs.getString("id"), rs.getString("generation_id"), rs.getInt("rejection_round"),
                rs.getString("message"), rs.getString("status"), instant(rs, "created_at"), instant(rs, "decided_at"));
    }

    private static GalleryEntry mapEntry(ResultSet rs, int i) throws SQLException {
        return new GalleryEntry(rs.getString("generation_id"), rs.getString("team_id"), GalleryStatus.valueOf(rs.getString("status")),
                rs.getString("author_name"), rs.getString("image_id"), rs.getString("thumbnail_hash"), rs.getString("thumbnail_mime"),
                rs.getString("reason"), rs.getString("note"), rs.getInt("rejections"), rs.getInt("open_reports"), rs.getLong("views"),
                rs.getString("original_prompt"), rs.getString("model"), rs.getInt("width"), rs.getInt("height"),
                instant(rs, "generation_created_at"), instant(rs, "submitted_at"), instant(rs, "decided_at"),
                instant(rs, "approved_at"));
    }
}
