package io.atelier.core.article;

import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code articles} table. Every query is scoped to one team. */
@Repository
class ArticleRepository {

    private static final String COLUMNS = "id, team_id, title, summary, keywords_json, created_at";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    ArticleRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    void insert(Article article) {
        jdbc.sql("INSERT INTO articles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .params(article.id(), article.teamId(), article.title(), article.summary(), Json.write(article.keywords()),
                        Timestamps.db(article.createdAt()))
                .update();
    }

    Optional<Article> find(String teamId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM articles WHERE id = ? AND team_id = ?")
                .params(id, teamId).query(ArticleRepository::map).optional();
    }

    List<Article> findAll(String teamId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT " + COLUMNS + " FROM articles WHERE team_id = :team AND id IN (:ids)",
                new MapSqlParameterSource("team", teamId).addValue("ids", ids), ArticleRepository::map);
    }

    /** Newest first. */
    List<Article> list(String teamId, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM articles WHERE team_id = ? ORDER BY created_at DESC, id DESC"
                        + " LIMIT ? OFFSET ?")
                .params(teamId, limit, offset).query(ArticleRepository::map).list();
    }

    boolean delete(String teamId, String id) {
        return jdbc.sql("DELETE FROM articles WHERE id = ? AND team_id = ?").params(id, teamId).update() > 0;
    }

    private static Article map(ResultSet rs, int row) throws SQLException {
        return new Article(rs.getString("id"), rs.getString("team_id"), rs.getString("title"), rs.getString("summary"),
                Json.readStrings(rs.getString("keywords_json")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
