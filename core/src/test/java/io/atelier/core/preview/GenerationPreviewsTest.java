package io.atelier.core.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationEvent;
import io.atelier.core.provider.ProviderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Live previews on H2 and on the local PostgreSQL (a schema of its own, dropped afterwards; fails,
 * never skips, without PostgreSQL): shrunk to a small JPEG, replaced with a higher version,
 * throttled per generation, deleted when the generation ends.
 */
class GenerationPreviewsTest {

    static final String PG_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String SCHEMA = "atelier_previews_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static DataSource h2;
    static DataSource postgres;

    @BeforeAll
    static void migrate() {
        h2 = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:previews-" + Ids.uuid() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        postgres = new SimpleDriverDataSource(new org.postgresql.Driver(), PG_URL + "?currentSchema=" + SCHEMA, PG_USER, "");
        Flyway.configure().dataSource(postgres).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aPreviewIsShrunkStoredReplacedThrottledAndDeletedAtTheEnd(String database) throws IOException {
        JdbcClient jdbc = JdbcClient.create(database.equals("h2") ? h2 : postgres);
        String id = generationRow(jdbc);
        GenerationPreviews previews = new GenerationPreviews(jdbc, Duration.ZERO);

        previews.offer(id, new ProviderContext.Preview(png(1024, 512), "image/png"));
        GenerationPreviews.Preview first = previews.latest(id).orElseThrow();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.mimeType()).isEqualTo("image/jpeg");
        assertThat(first.width()).isEqualTo(320);
        assertThat(first.height()).isEqualTo(160);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(first.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(320);

        previews.offer(id, new ProviderContext.Preview(png(64, 64), "image/png"));
        assertThat(previews.latest(id).orElseThrow().version()).isEqualTo(2);
        assertThat(previews.latest(id).orElseThrow().width()).isEqualTo(64);

        previews.offer(id, new ProviderContext.Preview(new byte[] {1, 2, 3}, "image/png"));
        assertThat(previews.latest(id).orElseThrow().version()).as("an unreadable preview is dropped").isEqualTo(2);

        GenerationPreviews throttled = new GenerationPreviews(jdbc, Duration.ofHours(1));
        throttled.offer(id, new ProviderContext.Preview(png(32, 32), "image/png"));
        throttled.offer(id, new ProviderContext.Preview(png(48, 48), "image/png"));
        assertThat(previews.latest(id).orElseThrow().version()).isEqualTo(3);
        assertThat(previews.latest(id).orElseThrow().width()).isEqualTo(32);

        Generation finished = Mockito.mock(Generation.class);
        Mockito.when(finished.id()).thenReturn(id);
        previews.on(new GenerationEvent(finished, GenerationEvent.Kind.PROGRESS));
        assertThat(previews.latest(id)).isPresent();
        previews.on(new GenerationEvent(finished, GenerationEvent.Kind.FINISHED));
        assertThat(previews.latest(id)).isEmpty();
    }

    private static String generationRow(JdbcClient jdbc) {
        String team = Ids.uuid();
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(team, "team " + team, false, 100L, Timestamps.db(Timestamps.now())).update();
        String id = Ids.uuid();
        var now = Timestamps.db(Timestamps.now());
        jdbc.sql("""
                        INSERT INTO generations (id, team_id, status, source, model, original_prompt, prompt, width, height, image_count,
                            seed, auto_enhance, options_json, request_json, meta_json, warnings_json, public_requested, progress_percent,
                            attempts, credits_charged, created_at, updated_at)
                        VALUES (?, ?, 'PROCESSING', 'API', 'local/preview', 'x', 'x', 64, 48, 1, 7, FALSE, '{}', '{}', '{}', '[]',
                            FALSE, 10, 1, 1, ?, ?)""")
                .params(id, team, now, now).update();
        return id;
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
