package io.atelier.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.moderation.ModerationFixtures;
import io.atelier.core.prompt.moderation.PromptModerationProperties;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.prompt.preset.FileRole;
import io.atelier.core.prompt.preset.Preset;
import io.atelier.core.prompt.preset.PresetDefinition;
import io.atelier.core.prompt.preset.PresetFixtures;
import io.atelier.core.prompt.preset.PresetRequirement;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.prompt.preset.RequirementType;
import io.atelier.core.prompt.template.TemplateDefinition;
import io.atelier.core.prompt.template.TemplateFixtures;
import io.atelier.core.prompt.template.TemplateService;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The prompt pipeline's tables on the local PostgreSQL (127.0.0.1:5432, database test), in a
 * schema of its own that is dropped afterwards. Fails, never skips, when PostgreSQL is missing.
 */
class PromptPostgresTest {

    static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String SCHEMA = "atelier_prompt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(),
                JDBC_URL + "?currentSchema=" + SCHEMA, USER, "");
        Flyway.configure().dataSource(ds).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    static String team() {
        String id = Ids.uuid();
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, "pg " + id, false, 5L, Timestamps.db(Timestamps.now())).update();
        return id;
    }

    @Test
    void templatesAndPresetsRoundTrip() {
        String team = team();
        TemplateService templates = TemplateFixtures.service(jdbc);
        templates.create(team, new TemplateDefinition("ink", "Ink", "Ink wash", List.of("ink wash", "brush"), "color"));
        assertThat(templates.get(team, "ink").cues()).containsExactly("ink wash", "brush");

        PresetService presets = PresetFixtures.service(jdbc, templates, PromptTestSupport.catalog());
        Preset created = presets.create(team, new PresetDefinition("P", "d", "{{n}} of {{c}} {{refs}}", List.of(
                new PresetRequirement("n", RequirementType.NUMBER, "N", null, true, new BigDecimal("2.5"), List.of(),
                        BigDecimal.ZERO, BigDecimal.TEN, null, false, 0, null),
                new PresetRequirement("c", RequirementType.ENUM, null, null, false, "a", List.of("a", "b"), null, null, null,
                        false, 0, null),
                new PresetRequirement("refs", RequirementType.FILE, null, null, false, null, List.of(), null, null, null,
                        true, 3, FileRole.REFERENCE)), "test/full", "3:2", "4K", "ink", "blur"));
        Preset read = presets.get(team, created.id());
        assertThat(read.requirements()).isEqualTo(created.requirements());
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        assertThat(presets.render(team, created.id(), null, Map.of(), null).prompt()).isEqualTo("2.5 of a");
        presets.delete(team, created.id());
        templates.delete(team, "ink");
    }

    @Test
    void blocksAndCooldowns() {
        String team = team();
        Caller caller = new Caller(team, "slack:U123", false);
        PromptModerator moderator = ModerationFixtures.moderator(jdbc,
                new PromptModerationProperties(List.of(), new PromptModerationProperties.Cooldown(2,
                        Duration.ofMinutes(10), Duration.ofMinutes(15)), null), null, Clock.systemUTC());
        String entry = moderator.addTeamEntry(team, "re:\\bdragons?\\b", "fantasy").id();
        assertThatThrownBy(() -> moderator.addTeamEntry(team, "re:\\bdragons?\\b", null)).isInstanceOf(PromptConflictException.class);
        assertThatThrownBy(() -> moderator.moderate(caller, "two dragons")).isInstanceOf(PromptBlockedException.class);
        assertThatThrownBy(() -> moderator.moderate(caller, "a dragon")).isInstanceOf(PromptBlockedException.class);
        assertThatThrownBy(() -> moderator.checkCooldown(caller)).isInstanceOf(PromptCooldownException.class);
        assertThat(moderator.activeCooldowns(team)).singleElement().satisfies(c -> assertThat(c.principal()).isEqualTo("slack:U123"));
        assertThat(moderator.clearCooldown(team, "slack:U123")).isTrue();
        moderator.checkCooldown(caller);
        moderator.removeTeamEntry(team, entry);
        assertThat(moderator.moderate(caller, "a dragon")).isEmpty();
    }
}
