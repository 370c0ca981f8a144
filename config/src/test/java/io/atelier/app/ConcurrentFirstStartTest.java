package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances started at the same moment on a fresh PostgreSQL schema, both with the same
 * {@code atelier.bootstrap-api-key}: Flyway's own lock lets one migrate while the other waits, and
 * the bootstrap's advisory lock lets one create the admin team while the other then finds its key.
 * Both become healthy, both accept the key, and there is exactly one admin team with one key.
 */
class ConcurrentFirstStartTest {

    @TempDir
    Path root;

    @Test
    void twoInstancesStartingTogetherOnAFreshDatabaseMakeOneAdminTeam() throws Exception {
        TwoInstanceCrashTest.Phases phases = new TwoInstanceCrashTest.Phases();
        try (PostgresCluster cluster = new PostgresCluster("firststart", root)) {
            ChildApplication a = cluster.start("a");
            ChildApplication b = cluster.start("b");
            // Two JVMs starting at once share two cores: a starved machine was seen needing over 180 s.
            ApiClient adminA = a.waitUntilUp(PostgresCluster.ADMIN_KEY, Duration.ofSeconds(400));
            ApiClient adminB = b.waitUntilUp(PostgresCluster.ADMIN_KEY, Duration.ofSeconds(400));
            phases.mark("both instances up");

            assertThat(cluster.queryLong("SELECT COUNT(*) FROM teams WHERE admin")).as("admin teams").isEqualTo(1);
            assertThat(cluster.queryLong("SELECT COUNT(*) FROM teams")).as("teams").isEqualTo(1);
            assertThat(cluster.queryLong("SELECT COUNT(*) FROM api_keys")).as("keys").isEqualTo(1);
            assertThat(cluster.queryLong("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success")).as("failed migrations").isZero();
            for (ApiClient admin : new ApiClient[] {adminA, adminB}) {
                ApiClient.Response teams = admin.get("/api/v1/admin/teams");
                assertThat(teams.status()).as(new String(teams.bytes())).isEqualTo(200);
            }
            assertThat(a.log()).doesNotContain("APPLICATION FAILED TO START");
            assertThat(b.log()).doesNotContain("APPLICATION FAILED TO START");
            assertThat(a.isAlive() && b.isAlive()).isTrue();
        }
    }
}
