package io.atelier.core.generation;

import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.StoredImage;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code generations} table. Every status change is a compare-and-set on the current status,
 * so two workers (or a worker and a cancel) can never both win a transition.
 */
@Repository
class GenerationRepository {

    private static final String COLUMNS = """
            id, team_id, status, source, model, original_prompt, prompt, negative_prompt, aspect_ratio, width, height,
            image_count, seed, auto_enhance, template, background, edit_image_hash, edit_image_mime, mask_hash, mask_mime,
            options_json, request_json, meta_json, warnings_json, public_requested, idempotency_key, progress_percent,
            progress_message, attempts, error_code, error_message, credits_charged, provider_request_id, created_at,
            updated_at, started_at, completed_at, processing_time_ms, preset_id, image_inputs""";
    /** What a read returns: the inserted columns plus the progress steps the worker fills in later. */
    private static final String READ_COLUMNS = COLUMNS + ", progress_step, progress_total_steps, progress_eta_seconds";

    /** Longest progress message and provider request id stored. */
    static final int MAX_PROGRESS_MESSAGE = 300;
    static final int MAX_PROVIDER_REQUEST_ID = 300;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ImageRepository images;

    GenerationRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, ImageRepository images) {
        this.jdbc = jdbc;
        this.named = named;
        this.images = images;
    }

    void insert(Generation g, String idempotencyKey) {
        Generation.Asked asked = g.asked();
        Generation.Inputs inputs = g.inputs();
        Generation.Progress progress = g.progress();
        Generation.Outcome outcome = g.outcome();
        Generation.Timing timing = g.timing();
        jdbc.sql("INSERT INTO generations (" + COLUMNS + ") VALUES ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(g.id(), g.teamId(), g.status().name(), g.source().name(), asked.model(), asked.originalPrompt(),
                        asked.prompt(), asked.negativePrompt(), asked.aspectRatio(), asked.width(), asked.height(),
                        asked.count(), asked.seed(), asked.autoEnhance(), asked.template(), asked.background(),
                        inputs.editImageHash(), inputs.editImageMime(), inputs.maskHash(), inputs.maskMime(),
                        Json.write(asked.options()), Json.write(asked.requestAsGiven()), Json.write(asked.meta()),
                        Json.write(outcome.warnings()), asked.publicRequested(), idempotencyKey, progress.percent(),
                        progress.message(), progress.attempts(), outcome.errorCode(), outcome.errorMessage(),
                        g.billing().creditsCharged(), outcome.providerRequestId(), Timestamps.db(timing.createdAt()),
                        Timestamps.db(timing.updatedAt()), Timestamps.db(timing.startedAt()),
                        Timestamps.db(timing.completedAt()), timing.processingTimeMs(), asked.presetId(),
                        inputs.imageInputs().toJson())
                .update();
    }

    /** The generation with its images. */
    Optional<Generation> find(String id) {
        return jdbc.sql("SELECT " + READ_COLUMNS + " FROM generations WHERE id = ?").param(id)
                .query(GenerationRows::read).optional()
                .map(g -> g.withImages(images.findByGeneration(g.id())));
    }

    Optional<Generation> findByIdempotencyKey(String teamId, String key) {
        return jdbc.sql("SELECT " + READ_COLUMNS + " FROM generations WHERE team_id = ? AND idempotency_key = ?")
                .params(teamId, key).query(GenerationRows::read).optional()
                .map(g -> g.withImages(images.findByGeneration(g.id())));
    }

    /** A page of a team's generations, newest first, with their images (two queries in all). */
    List<Generation> list(String teamId, GenerationStatus status, int limit, int offset) {
        MapSqlParameterSource params = new MapSqlParameterSource("team", teamId).addValue("limit", limit).addValue("offset", offset);
        String where = "team_id = :team";
        if (status != null) {
            where += " AND status = :status";
            params.addValue("status", status.name());
        }
        List<Generation> page = named.query("SELECT " + READ_COLUMNS + " FROM generations WHERE " + where
                + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset", params, GenerationRows::read);
        if (page.isEmpty()) {
            return page;
        }
        Map<String, List<StoredImage>> byGeneration = new LinkedHashMap<>();
        for (StoredImage image : images.findByGenerations(page.stream().map(Generation::id).toList())) {
            byGeneration.computeIfAbsent(image.generationId(), k -> new ArrayList<>()).add(image);
        }
        return page.stream().map(g -> g.withImages(byGeneration.getOrDefault(g.id(), List.of()))).toList();
    }

    /** An output image's id and its generation's id: one row of the image library. */
    record ImageRef(String imageId, String generationId) {
    }

    /**
     * A page of a team's output images, newest first.
     *
     * @param presetId      only images of this preset's generations, or null
     * @param likePattern   lower-case {@code LIKE} pattern (backslash escapes) on the prompt as written, or null
     * @param likePresetIds with a pattern: images of these presets match as well
     */
    List<ImageRef> imagePage(String teamId, String presetId, String likePattern, Collection<String> likePresetIds,
                             int limit, int offset) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", limit).addValue("offset", offset);
        return named.query("SELECT i.id AS image_id, i.generation_id FROM images i JOIN generations g ON g.id = i.generation_id"
                        + imageWhere(teamId, presetId, likePattern, likePresetIds, params)
                        + " ORDER BY i.created_at DESC, i.generation_id DESC, i.image_index ASC LIMIT :limit OFFSET :offset",
                params, (rs, i) -> new ImageRef(rs.getString("image_id"), rs.getString("generation_id")));
    }

    long countImages(String teamId, String presetId, String likePattern, Collection<String> likePresetIds) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long n = named.queryForObject("SELECT COUNT(*) FROM images i JOIN generations g ON g.id = i.generation_id"
                + imageWhere(teamId, presetId, likePattern, likePresetIds, params), params, Long.class);
        return n == null ? 0 : n;
    }

    private static String imageWhere(String teamId, String presetId, String likePattern, Collection<String> likePresetIds,
                                     MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder(" WHERE i.team_id = :team AND g.team_id = :team");
        params.addValue("team", teamId);
        if (presetId != null) {
            where.append(" AND g.preset_id = :preset");
            params.addValue("preset", presetId);
        }
        if (likePattern != null) {
            params.addValue("pattern", likePattern);
            where.append(" AND (LOWER(g.original_prompt) LIKE :pattern ESCAPE '\\'");
            if (!likePresetIds.isEmpty()) {
                where.append(" OR g.preset_id IN (:likePresets)");
                params.addValue("likePresets", likePresetIds);
            }
            where.append(")");
        }
        return where.toString();
    }

    /** These generations with their images (two queries), in no particular order. */
    List<Generation> findAllWithImages(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Generation> found = named.query("SELECT " + READ_COLUMNS + " FROM generations WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", ids), GenerationRows::read);
        Map<String, List<StoredImage>> byGeneration = new LinkedHashMap<>();
        for (StoredImage image : images.findByGenerations(found.stream().map(Generation::id).toList())) {
            byGeneration.computeIfAbsent(image.generationId(), k -> new ArrayList<>()).add(image);
        }
        return found.stream().map(g -> g.withImages(byGeneration.getOrDefault(g.id(), List.of()))).toList();
    }

    long count(String teamId, GenerationStatus status) {
        if (status == null) {
            return jdbc.sql("SELECT COUNT(*) FROM generations WHERE team_id = ?").param(teamId).query(Long.class).single();
        }
        return jdbc.sql("SELECT COUNT(*) FROM generations WHERE team_id = ? AND status = ?")
                .params(teamId, status.name()).query(Long.class).single();
    }

    /**
     * Queued generations of the same model submitted before this one: where it stands when no lane
     * of this instance holds it (it waits on another instance, or for the job engine to revive it).
     */
    long queuedBefore(String generationId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM generations g, generations me
                        WHERE me.id = ? AND g.status = 'QUEUED' AND g.id <> me.id AND g.model = me.model
                          AND g.created_at < me.created_at""")
                .param(generationId).query(Long.class).single();
    }

    Map<GenerationStatus, Long> countsByStatus() {
        Map<GenerationStatus, Long> counts = new LinkedHashMap<>();
        for (GenerationStatus s : GenerationStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM generations GROUP BY status")
                .query(rs -> {
                    counts.put(GenerationStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /** QUEUED|PROCESSING → PROCESSING, counting one more attempt. False when no longer runnable. */
    boolean markProcessing(String id, Instant now) {
        return jdbc.sql("""
                        UPDATE generations SET status = 'PROCESSING', attempts = attempts + 1,
                               started_at = COALESCE(started_at, ?), updated_at = ?, progress_percent = 0,
                               progress_message = 'started', progress_step = NULL, progress_total_steps = NULL,
                               progress_eta_seconds = NULL
                        WHERE id = ? AND status IN ('QUEUED', 'PROCESSING')""")
                .params(Timestamps.db(now), Timestamps.db(now), id).update() == 1;
    }

    /**
     * PROCESSING → SUCCEEDED in one statement, with the run's processing time, its last progress steps
     * (the engine keeps progress in memory) and, when the run added warnings, the whole new list.
     *
     * @param warnings the generation's warnings after the run, or null when unchanged
     * @param steps    the provider's last reported steps, or null when it reported none
     */
    boolean markSucceeded(String id, String providerRequestId, List<String> warnings, Generation.ProgressSteps steps,
                          long processingTimeMs, Instant now) {
        Integer step = steps == null ? null : steps.step();
        Integer total = steps == null ? null : steps.totalSteps();
        return jdbc.sql("""
                        UPDATE generations SET status = 'SUCCEEDED', progress_percent = 100, progress_message = 'done',
                               progress_step = COALESCE(?, progress_step),
                               progress_total_steps = COALESCE(?, progress_total_steps),
                               progress_eta_seconds = CASE WHEN CAST(? AS INTEGER) IS NULL AND progress_total_steps IS NULL THEN NULL ELSE 0 END,
                               provider_request_id = ?, updated_at = ?, completed_at = ?, processing_time_ms = ?,
                               warnings_json = COALESCE(?, warnings_json)
                        WHERE id = ? AND status = 'PROCESSING'""")
                .params(step, total, total, truncate(providerRequestId, MAX_PROVIDER_REQUEST_ID), Timestamps.db(now),
                        Timestamps.db(now), processingTimeMs, warnings == null ? null : Json.write(warnings), id)
                .update() == 1;
    }

    /** One stored progress report of a running generation. */
    record ProgressRow(String id, int percent, String message, int step, int totalSteps, Long etaSeconds, Instant at) {
    }

    /**
     * Stores the latest progress of many running generations in one batch (the engine keeps progress
     * in memory and flushes it periodically); a report without steps keeps the last known ones.
     */
    void updateProgress(List<ProgressRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        named.batchUpdate("""
                        UPDATE generations SET progress_percent = :percent, progress_message = :message,
                               progress_step = CASE WHEN :total > 0 THEN CAST(:step AS INTEGER) ELSE progress_step END,
                               progress_total_steps = CASE WHEN :total > 0 THEN CAST(:total AS INTEGER) ELSE progress_total_steps END,
                               progress_eta_seconds = CASE WHEN :total > 0 THEN CAST(:eta AS BIGINT) ELSE progress_eta_seconds END,
                               updated_at = :at
                        WHERE id = :id AND status = 'PROCESSING'""",
                rows.stream().map(r -> new MapSqlParameterSource("percent", r.percent())
                        .addValue("message", truncate(r.message(), MAX_PROGRESS_MESSAGE))
                        .addValue("step", r.step()).addValue("total", r.totalSteps())
                        .addValue("eta", r.etaSeconds(), Types.BIGINT)
                        .addValue("at", Timestamps.db(r.at())).addValue("id", r.id()))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /** PROCESSING|QUEUED → FAILED with a stable code. */
    boolean markFailed(String id, String code, String message, Instant now) {
        return jdbc.sql("""
                        UPDATE generations SET status = 'FAILED', error_code = ?, error_message = ?, updated_at = ?,
                               completed_at = ?
                        WHERE id = ? AND status IN ('QUEUED', 'PROCESSING')""")
                .params(code, truncate(message, 2000), Timestamps.db(now), Timestamps.db(now), id).update() == 1
                && fillProcessingTime(id, now);
    }

    /** Any non-terminal status → CANCELED. */
    boolean markCanceled(String id, Instant now) {
        return jdbc.sql("""
                        UPDATE generations SET status = 'CANCELED', error_code = 'CANCELED',
                               error_message = 'canceled by request', updated_at = ?, completed_at = ?
                        WHERE id = ? AND status IN ('QUEUED', 'PROCESSING')""")
                .params(Timestamps.db(now), Timestamps.db(now), id).update() == 1
                && fillProcessingTime(id, now);
    }

    /** PROCESSING → QUEUED after a shutdown interrupted the worker; the attempt does not count. */
    boolean requeue(String id, Instant now) {
        return jdbc.sql("""
                        UPDATE generations SET status = 'QUEUED', attempts = GREATEST(attempts - 1, 0), updated_at = ?,
                               progress_percent = 0, progress_message = 'requeued after a shutdown'
                        WHERE id = ? AND status = 'PROCESSING'""")
                .params(Timestamps.db(now), id).update() == 1;
    }

    private boolean fillProcessingTime(String id, Instant end) {
        Optional<Instant> started = jdbc.sql("SELECT started_at FROM generations WHERE id = ?").param(id)
                .query((rs, i) -> GenerationRows.toInstant(rs, "started_at")).optional();
        Long ms = started.map(s -> Math.max(0, end.toEpochMilli() - s.toEpochMilli())).orElse(null);
        jdbc.sql("UPDATE generations SET processing_time_ms = ? WHERE id = ?").params(ms, id).update();
        return true;
    }

    /** Whether a generation still uses a blob as its edit source or mask. */
    boolean isInputHashReferenced(String hash) {
        // Reference images are listed in image_inputs' JSON; a content hash is 64 hex characters, so
        // finding it in the text is exact. Only blob clean-up asks (deletions), never the hot path.
        return jdbc.sql("SELECT COUNT(*) FROM generations WHERE edit_image_hash = ? OR mask_hash = ? OR image_inputs LIKE ?")
                .params(hash, hash, "%\"" + hash + "\"%").query(Long.class).single() > 0;
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM generations WHERE id = ?").param(id).update() == 1;
    }

    /** Of these ids, the ones now CANCELED in the database (canceled through another instance). */
    List<String> canceledAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return named.queryForList("SELECT id FROM generations WHERE status = 'CANCELED' AND id IN (:ids)",
                new MapSqlParameterSource("ids", ids), String.class);
    }

    /** Of these ids, the ones that reached a terminal status (for waiters on other instances' work). */
    List<String> terminalAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return named.queryForList("SELECT id FROM generations WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELED') AND id IN (:ids)",
                new MapSqlParameterSource("ids", ids), String.class);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    // ---- reads for other features (chat, gallery), through GenerationQueries ----

    /** The processing times of the model's latest {@code limit} successes, newest first. */
    List<Long> recentProcessingTimes(String model, int limit) {
        return jdbc.sql("""
                        SELECT processing_time_ms FROM generations
                        WHERE model = ? AND status = 'SUCCEEDED' AND processing_time_ms IS NOT NULL
                        ORDER BY completed_at DESC LIMIT ?""")
                .params(model, limit)
                .query(Long.class)
                .list();
    }

    /** Ids of the team's QUEUED and PROCESSING generations (index {@code ix_generations_team_status_slot}). */
    List<String> activeIds(String teamId) {
        return jdbc.sql("SELECT id FROM generations WHERE team_id = ? AND status IN ('QUEUED', 'PROCESSING')")
                .param(teamId)
                .query(String.class)
                .list();
    }

    /**
     * Succeeded generations submitted with {@code publicRequested} that the gallery has not entered
     * yet, oldest first. The one query here that looks at another feature's table: which requests
     * are still open is a join, and it is the generation's flag that asks for it.
     */
    List<GenerationQueries.PublicRequest> publicRequestsWithoutGalleryEntry(int limit) {
        return jdbc.sql("""
                        SELECT g.id, g.team_id FROM generations g
                        WHERE g.public_requested = TRUE AND g.status = 'SUCCEEDED'
                          AND NOT EXISTS (SELECT 1 FROM gallery_entries e WHERE e.generation_id = g.id)
                        ORDER BY g.completed_at LIMIT ?""")
                .param(limit)
                .query((rs, i) -> new GenerationQueries.PublicRequest(rs.getString("id"), rs.getString("team_id")))
                .list();
    }
}
