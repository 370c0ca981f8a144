package io.atelier.core.api.cuppa;

import io.atelier.core.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code cuppa_bulk_requests} and {@code cuppa_bulk_items} tables. */
@Repository
class CuppaBulkRepository {

    /** A stored bulk request; its status is not stored but aggregated from its generations. */
    record BulkRequest(String id, String teamId, String model, String requestedModel, boolean useBrandColors,
                       String promptTemplate, int totalArticles, Instant createdAt, Instant canceledAt) {
    }

    /** One article of a bulk request and the generation made for it. */
    record BulkItem(int index, String articleId, String generationId) {
    }

    private final JdbcClient jdbc;

    CuppaBulkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(BulkRequest request) {
        jdbc.sql("""
                        INSERT INTO cuppa_bulk_requests (id, team_id, model, requested_model, use_brand_colors, prompt_template,
                            total_articles, created_at, canceled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(request.id(), request.teamId(), request.model(), request.requestedModel(), request.useBrandColors(),
                        request.promptTemplate(), request.totalArticles(), Timestamps.db(request.createdAt()),
                        Timestamps.db(request.canceledAt()))
                .update();
    }

    void insertItem(String requestId, BulkItem item) {
        jdbc.sql("INSERT INTO cuppa_bulk_items (request_id, item_index, article_id, generation_id) VALUES (?, ?, ?, ?)")
                .params(requestId, item.index(), item.articleId(), item.generationId())
                .update();
    }

    Optional<BulkRequest> find(String teamId, String id) {
        return jdbc.sql("""
                        SELECT id, team_id, model, requested_model, use_brand_colors, prompt_template, total_articles,
                               created_at, canceled_at
                        FROM cuppa_bulk_requests WHERE id = ? AND team_id = ?""")
                .params(id, teamId)
                .query(CuppaBulkRepository::map)
                .optional();
    }

    List<BulkItem> items(String requestId) {
        return jdbc.sql("SELECT item_index, article_id, generation_id FROM cuppa_bulk_items WHERE request_id = ? ORDER BY item_index")
                .param(requestId)
                .query((rs, i) -> new BulkItem(rs.getInt("item_index"), rs.getString("article_id"), rs.getString("generation_id")))
                .list();
    }

    /** Records the cancel once; false when it was already canceled. */
    boolean markCanceled(String id, Instant at) {
        return jdbc.sql("UPDATE cuppa_bulk_requests SET canceled_at = ? WHERE id = ? AND canceled_at IS NULL")
                .params(Timestamps.db(at), id)
                .update() > 0;
    }

    private static BulkRequest map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime canceled = rs.getObject("canceled_at", OffsetDateTime.class);
        return new BulkRequest(rs.getString("id"), rs.getString("team_id"), rs.getString("model"),
                rs.getString("requested_model"), rs.getBoolean("use_brand_colors"), rs.getString("prompt_template"),
                rs.getInt("total_articles"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                canceled == null ? null : canceled.toInstant());
    }
}
