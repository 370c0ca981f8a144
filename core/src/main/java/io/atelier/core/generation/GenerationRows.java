package io.atelier.core.generation;

import io.atelier.core.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How a {@code generations} row reads back as a {@link Generation} (without its images, which
 * {@link GenerationRepository} adds from the image rows): the columns of {@code READ_COLUMNS} into the
 * generation's groups.
 */
final class GenerationRows {

    private GenerationRows() {
    }

    static Instant toInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Generation read(ResultSet rs, int row) throws SQLException {
        long ms = rs.getLong("processing_time_ms");
        Long processingTime = rs.wasNull() ? null : ms;
        return new Generation(
                rs.getString("id"), rs.getString("team_id"), GenerationStatus.valueOf(rs.getString("status")),
                GenerationSource.valueOf(rs.getString("source")),
                new Generation.Asked(rs.getString("model"), rs.getString("preset_id"), rs.getString("original_prompt"),
                        rs.getString("prompt"), rs.getString("negative_prompt"), rs.getString("template"),
                        rs.getBoolean("auto_enhance"), rs.getString("aspect_ratio"), rs.getInt("width"),
                        rs.getInt("height"), rs.getInt("image_count"), rs.getLong("seed"), rs.getString("background"),
                        Json.readStringMap(rs.getString("options_json")), Json.readMap(rs.getString("request_json")),
                        Json.readMap(rs.getString("meta_json")), rs.getBoolean("public_requested")),
                new Generation.Inputs(rs.getString("edit_image_hash"), rs.getString("edit_image_mime"),
                        rs.getString("mask_hash"), rs.getString("mask_mime"),
                        GenerationImageInputs.fromJson(rs.getString("image_inputs"))),
                new Generation.Progress(rs.getInt("progress_percent"), rs.getString("progress_message"),
                        progressSteps(rs), rs.getInt("attempts")),
                new Generation.Outcome(rs.getString("error_code"), rs.getString("error_message"), List.of(),
                        rs.getString("provider_request_id"), Json.readStrings(rs.getString("warnings_json"))),
                new Generation.Timing(toInstant(rs, "created_at"), toInstant(rs, "updated_at"),
                        toInstant(rs, "started_at"), toInstant(rs, "completed_at"), processingTime),
                new Generation.Billing(rs.getLong("credits_charged")));
    }

    private static Generation.ProgressSteps progressSteps(ResultSet rs) throws SQLException {
        int total = rs.getInt("progress_total_steps");
        if (rs.wasNull() || total <= 0) {
            return null;
        }
        long eta = rs.getLong("progress_eta_seconds");
        Long etaSeconds = rs.wasNull() ? null : eta;
        return new Generation.ProgressSteps(rs.getInt("progress_step"), total, etaSeconds);
    }
}
