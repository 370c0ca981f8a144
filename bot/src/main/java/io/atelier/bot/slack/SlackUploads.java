package io.atelier.bot.slack;

import io.atelier.core.common.Timestamps;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code slack_uploads} table: which Slack file a delivery uploaded for each of its images (or
 * for a preview or grid, under a key of its own), so a retried delivery does not upload twice. A row
 * with an empty file id is a claim: an upload started and not known to have finished.
 */
final class SlackUploads {

    private final JdbcTemplate jdbc;

    SlackUploads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The recorded file id of the key ("" for a claim without one), empty when none is recorded. */
    Optional<String> find(String deliveryId, String key) {
        return jdbc.query("SELECT file_id FROM slack_uploads WHERE delivery_id = ? AND image_id = ?",
                (rs, n) -> rs.getString(1), deliveryId, key).stream().findFirst();
    }

    /** Records a finished upload; when another run recorded the key first, its file stays recorded. */
    void record(String deliveryId, String key, String fileId) {
        try {
            jdbc.update("INSERT INTO slack_uploads (delivery_id, image_id, file_id, created_at) VALUES (?, ?, ?, ?)",
                    deliveryId, key, fileId, Timestamps.db(Timestamps.now()));
        } catch (DuplicateKeyException raced) {
            // Another run of the delivery uploaded one at the same time: keep the recorded one.
        }
    }

    /** Claims an upload before it starts (a no-op when another run of the delivery claimed it). */
    void claim(String deliveryId, String key) {
        record(deliveryId, key, "");
    }

    /** Completes a claim with the file id (a claim already completed keeps its file). */
    void complete(String deliveryId, String key, String fileId) {
        jdbc.update("UPDATE slack_uploads SET file_id = ? WHERE delivery_id = ? AND image_id = ? AND file_id = ''",
                fileId, deliveryId, key);
    }
}
