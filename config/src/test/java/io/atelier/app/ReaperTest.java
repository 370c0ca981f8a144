package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The stuck-generation reaper on the real application: rows are fabricated into the states a lost
 * job leaves behind (QUEUED or PROCESSING, no job row, untouched for a while) and the recurring
 * {@code generation-reaper} job settles them: re-enqueued at their place in line while attempts are
 * left, FAILED with {@code STUCK_REAPED} and refunded when they are used up. A worker killed mid-job
 * is the other case (its job row stays and is revived): see {@link TwoInstanceCrashTest}.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/reaper",
        "atelier.reaper.interval=300ms",
        "atelier.reaper.stale-after=1m",
        "atelier.worker.max-attempts=3"
})
class ReaperTest extends AppTestSupport {

    @Autowired
    JdbcClient jdbc;

    private String succeeded(ApiClient api, String prompt) {
        ApiClient.Response created = api.post("/api/v1/generations", Map.of("prompt", prompt, "count", 2), Map.of("Prefer", "wait=30"));
        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(201);
        assertThat(created.json().at("/data/status").stringValue()).isEqualTo("success");
        return created.json().at("/data/id").stringValue();
    }

    /** What a lost job leaves: the row not terminal, no job, last changed long ago. */
    private void fabricateStuck(String id, String status, int attempts) throws InterruptedException {
        fabricateStuck(id, status, attempts, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
    }

    private void fabricateStuck(String id, String status, int attempts, OffsetDateTime lastChanged)
            throws InterruptedException {
        // "Prefer: wait" answers once the generation is SUCCEEDED; the job engine deletes the finished job's
        // row just after, so wait for that before pretending the job was lost.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobRows(id) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(jobRows(id)).isZero();
        int updated = jdbc.sql("""
                        UPDATE generations SET status = ?, attempts = ?, completed_at = NULL, progress_percent = 40,
                               provider_request_id = NULL, updated_at = ? WHERE id = ?""")
                .params(status, attempts, lastChanged, id).update();
        assertThat(updated).isEqualTo(1);
    }

    private long jobRows(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'generation' AND task_instance = ?")
                .param(id).query(Long.class).single();
    }

    private long credits(String teamName) {
        return jdbc.sql("SELECT credits FROM teams WHERE name = ?").param(teamName).query(Long.class).single();
    }

    @Test
    void aQueuedGenerationWhoseJobWasLostIsScheduledAgainAndSucceedsChargedOnce() throws Exception {
        ApiClient api = newTeam("reaper requeue", 100);
        String id = succeeded(api, "a lighthouse that lost its job");
        long balance = credits("reaper requeue");
        fabricateStuck(id, "QUEUED", 0);

        JsonNode done = AppTestSupport.pollGeneration(api, id, g -> g.get("status").stringValue().equals("success")
                && g.get("attempts").intValue() == 1, Duration.ofSeconds(30));
        assertThat(done.get("outputImages")).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM images WHERE generation_id = ?").param(id).query(Long.class).single()).isEqualTo(2);
        assertThat(credits("reaper requeue")).as("charged once, not again").isEqualTo(balance);
    }

    @Test
    void aProcessingGenerationWithoutAJobAndNoAttemptsLeftFailsAsReapedAndIsRefunded() throws Exception {
        ApiClient api = newTeam("reaper gives up", 100);
        String id = succeeded(api, "a lighthouse whose worker vanished");
        long charged = jdbc.sql("SELECT credits_charged FROM generations WHERE id = ?").param(id).query(Long.class).single();
        assertThat(credits("reaper gives up")).isEqualTo(100 - charged);
        fabricateStuck(id, "PROCESSING", 3);

        JsonNode failed = AppTestSupport.pollGeneration(api, id, g -> g.get("status").stringValue().equals("failed"), Duration.ofSeconds(30));
        assertThat(failed.get("errorCode").stringValue()).isEqualTo("STUCK_REAPED");
        assertThat(failed.get("errorMessage").stringValue()).contains("reaper");
        assertThat(credits("reaper gives up")).as("refunded").isEqualTo(100);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM credit_ledger WHERE generation_id = ? AND reason = 'REFUND'").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRecentlyChangedGenerationWithoutAJobIsLeftAloneUntilItIsStale() throws Exception {
        ApiClient api = newTeam("reaper waits", 100);
        String id = succeeded(api, "a lighthouse just requeued");
        // Changed just now (in the same statement, so no reaper run can see it stale in between).
        fabricateStuck(id, "QUEUED", 0, OffsetDateTime.now(ZoneOffset.UTC));
        // Several reaper runs (every 300 ms) see it younger than stale-after (1 min).
        Set<Long> runs = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (runs.size() < 4 && System.nanoTime() < deadline) {
            runs.add(lastReaperRun());
            Thread.sleep(50);
        }
        assertThat(runs).as("reaper runs seen").hasSizeGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("SELECT status FROM generations WHERE id = ?").param(id).query(String.class).single()).isEqualTo("QUEUED");
        // Once stale, it is picked up.
        jdbc.sql("UPDATE generations SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), id).update();
        AppTestSupport.pollGeneration(api, id, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(30));
    }

    /** When the reaper last completed, from the job engine's own bookkeeping (the recurring row). */
    private long lastReaperRun() {
        return jdbc.sql("SELECT last_success FROM scheduled_tasks WHERE task_name = 'generation-reaper'")
                .query(OffsetDateTime.class).optional().map(t -> t.toInstant().toEpochMilli()).orElse(0L);
    }
}
