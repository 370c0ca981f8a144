package io.atelier.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.storage.ImageRepository;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The reads other features make of generation data through {@link GenerationQueries} (chat's ETA
 * and running counts, the gallery's open public requests), on H2 with every migration applied.
 */
class GenerationQueriesForOtherFeaturesTest {

    private JdbcClient jdbc;
    private GenerationQueries queries;
    private String team;

    @BeforeEach
    void setUp() {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:generation-reads-" + Ids.uuid() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(ds);
        GenerationRepository repository = new GenerationRepository(jdbc, named, mock(ImageRepository.class));
        // Only the generations table is read by the methods under test (no images, no live state).
        queries = new GenerationQueries(repository, null, null, null, null);
        team = team();
    }

    @Test
    void activeIdsAreTheTeamsQueuedAndProcessingGenerations() {
        String queued = generation(team, "QUEUED", "m/a", null, false, Timestamps.now());
        String processing = generation(team, "PROCESSING", "m/a", null, false, Timestamps.now());
        generation(team, "SUCCEEDED", "m/a", 100L, false, Timestamps.now());
        generation(team(), "QUEUED", "m/a", null, false, Timestamps.now());

        assertThat(queries.activeIds(team)).containsExactlyInAnyOrder(queued, processing);
    }

    @Test
    void averageProcessingTimeOfTheModelsLatestSuccesses() {
        Instant now = Timestamps.now();
        generation(team, "SUCCEEDED", "m/a", 5000L, false, now.minusSeconds(30));
        generation(team, "SUCCEEDED", "m/a", 1000L, false, now.minusSeconds(20));
        generation(team, "SUCCEEDED", "m/a", 3000L, false, now.minusSeconds(10));
        generation(team, "FAILED", "m/a", 9000L, false, now);
        generation(team, "SUCCEEDED", "m/b", 7000L, false, now);

        assertThat(queries.averageProcessingMillis("m/a", 2)).contains(2000L);
        assertThat(queries.averageProcessingMillis("m/a", 20)).contains(3000L);
        assertThat(queries.averageProcessingMillis("m/none", 20)).isEmpty();
    }

    @Test
    void publicRequestsWithoutGalleryEntryAreTheSucceededOnesNotEnteredYet() {
        Instant now = Timestamps.now();
        String waiting = generation(team, "SUCCEEDED", "m/a", 10L, true, now.minusSeconds(10));
        String entered = generation(team, "SUCCEEDED", "m/a", 10L, true, now.minusSeconds(5));
        generation(team, "SUCCEEDED", "m/a", 10L, false, now);
        generation(team, "FAILED", "m/a", 10L, true, now);
        jdbc.sql("""
                        INSERT INTO gallery_entries (generation_id, team_id, status, author_name, rejections, open_reports, views,
                            original_prompt, model, width, height, generation_created_at, submitted_at, updated_at)
                        VALUES (?, ?, 'PENDING_REVIEW', 'a', 0, 0, 0, 'p', 'm/a', 64, 64, ?, ?, ?)""")
                .params(entered, team, Timestamps.db(now), Timestamps.db(now), Timestamps.db(now)).update();

        assertThat(queries.publicRequestsWithoutGalleryEntry(100))
                .containsExactly(new GenerationQueries.PublicRequest(waiting, team));
    }

    private String team() {
        String id = Ids.uuid();
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, "team " + id, false, 100L, Timestamps.db(Timestamps.now())).update();
        return id;
    }

    private String generation(String teamId, String status, String model, Long processingMs, boolean publicRequested,
                              Instant completedAt) {
        String id = Ids.uuid();
        Instant now = Timestamps.now();
        jdbc.sql("""
                        INSERT INTO generations (id, team_id, status, source, model, original_prompt, prompt, width, height,
                            image_count, seed, auto_enhance, options_json, request_json, meta_json, warnings_json, public_requested,
                            progress_percent, attempts, credits_charged, created_at, updated_at, completed_at, processing_time_ms)
                        VALUES (?, ?, ?, 'API', ?, 'p', 'p', 64, 64, 1, 1, FALSE, '{}', '{}', '{}', '[]', ?, 0, 0, 1, ?, ?, ?, ?)""")
                .params(id, teamId, status, model, publicRequested, Timestamps.db(now), Timestamps.db(now),
                        Timestamps.db(completedAt), processingMs)
                .update();
        return id;
    }
}
