package io.atelier.core.storage;

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

/** The {@code images} table. */
@Repository
public class ImageRepository {

    private static final String COLUMNS = "id, generation_id, team_id, image_index, content_hash, url_token, mime_type, "
            + "width, height, file_size, revised_prompt, created_at";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    ImageRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    public void insert(StoredImage image) {
        jdbc.sql("INSERT INTO images (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(image.id(), image.generationId(), image.teamId(), image.index(), image.contentHash(),
                        image.urlToken(), image.mimeType(), image.width(), image.height(), image.fileSize(),
                        image.revisedPrompt(), Timestamps.db(image.createdAt()))
                .update();
    }

    /** Inserts a generation's images in one batch. */
    public void insertAll(List<StoredImage> stored) {
        if (stored.size() == 1) {
            insert(stored.get(0));
            return;
        }
        named.batchUpdate("INSERT INTO images (" + COLUMNS + ") VALUES (:id, :generationId, :teamId, :index, :contentHash, "
                        + ":urlToken, :mimeType, :width, :height, :fileSize, :revisedPrompt, :createdAt)",
                stored.stream().map(image -> new MapSqlParameterSource("id", image.id())
                        .addValue("generationId", image.generationId()).addValue("teamId", image.teamId())
                        .addValue("index", image.index()).addValue("contentHash", image.contentHash())
                        .addValue("urlToken", image.urlToken()).addValue("mimeType", image.mimeType())
                        .addValue("width", image.width()).addValue("height", image.height())
                        .addValue("fileSize", image.fileSize()).addValue("revisedPrompt", image.revisedPrompt())
                        .addValue("createdAt", Timestamps.db(image.createdAt())))
                        .toArray(MapSqlParameterSource[]::new));
    }

    public Optional<StoredImage> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM images WHERE id = ?").param(id).query(ImageRepository::map).optional();
    }

    public Optional<StoredImage> findByToken(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM images WHERE url_token = ?").param(token).query(ImageRepository::map).optional();
    }

    public List<StoredImage> findByGeneration(String generationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM images WHERE generation_id = ? ORDER BY image_index")
                .param(generationId).query(ImageRepository::map).list();
    }

    /** Images of many generations at once, for list pages (one query, not one per row). */
    public List<StoredImage> findByGenerations(Collection<String> generationIds) {
        if (generationIds.isEmpty()) {
            return List.of();
        }
        return named.query("SELECT " + COLUMNS + " FROM images WHERE generation_id IN (:ids) ORDER BY generation_id, image_index",
                new MapSqlParameterSource("ids", generationIds), (rs, i) -> map(rs, i));
    }

    public int deleteByGeneration(String generationId) {
        return jdbc.sql("DELETE FROM images WHERE generation_id = ?").param(generationId).update();
    }

    /** Whether any image row still points at a blob: a blob is deleted only when none does. */
    public boolean isHashReferenced(String contentHash) {
        return jdbc.sql("SELECT COUNT(*) FROM images WHERE content_hash = ?").param(contentHash).query(Long.class).single() > 0;
    }

    static StoredImage map(ResultSet rs, int row) throws SQLException {
        return new StoredImage(rs.getString("id"), rs.getString("generation_id"), rs.getString("team_id"),
                rs.getInt("image_index"), rs.getString("content_hash"), rs.getString("url_token"),
                rs.getString("mime_type"), rs.getInt("width"), rs.getInt("height"), rs.getLong("file_size"),
                rs.getString("revised_prompt"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
