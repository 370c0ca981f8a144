package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the real application (child JVMs) on one PostgreSQL schema and one S3 bucket;
 * 500 generations from four teams submitted through both instances' HTTP APIs; one instance is
 * killed with SIGKILL while it runs jobs. The survivor revives the dead instance's jobs (db-scheduler's
 * dead-execution detection after missed heartbeats) and finishes everything. Then, read from the
 * database and the bucket: every generation ended exactly once, every image is stored once, credits
 * balance exactly, and no job is left behind.
 *
 * <p>Part of the load comes from Slack: signed {@code /imagine} slash commands to both instances
 * (their Web API is a {@link FakeSlack} in this JVM), so durable chat deliveries (task
 * {@code chat-delivery}) are in flight across the kill too. Each command must end with exactly one
 * message in the channel, each of its images uploaded exactly once into that message's thread, and
 * one final result showing those files (an identical repeated edit, invisible, is allowed).
 */
class TwoInstanceCrashTest {

    private static final int GENERATIONS = 500;
    private static final int TEAMS = 4;
    private static final long STARTING_CREDITS = 10_000;
    /** Slash commands among the generations (one workspace, one user each, so no chat quota refuses them). */
    private static final int CHAT_COMMANDS = 50;
    private static final String CHAT_CHANNEL = "C-CRASH";
    private static final String SLACK_SECRET = "crash-signing-secret-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Small images and a short simulated latency: work is in flight when the kill comes, yet 500 finish quickly. */
    static final String[] WORKERS = {
            "--atelier.providers.local.latency=300ms",
            "--atelier.generation.in-flight-limits.local=6",
            "--atelier.worker.poll-interval=200ms",
            // A job whose instance misses 4 s of heartbeats is revived elsewhere. Shorter made a starved
            // but live instance (load 13 on two cores) lose running jobs to the other one, which then
            // ran them twice at once: a Slack message posted twice by its delivery job.
            "--atelier.worker.heartbeat-interval=1s",
            "--atelier.worker.missed-heartbeats=4",
            "--atelier.worker.shutdown-grace=1s",
            "--atelier.rate-limit.per-key=100000"
    };

    @TempDir
    Path root;

    @Test
    void killingOneOfTwoInstancesMidRunLosesNothingAndDuplicatesNothing() throws Exception {
        Phases phases = new Phases();
        try (FakeSlack slack = new FakeSlack(); PostgresCluster cluster = new PostgresCluster("crash", root)) {
            List<String> args = new ArrayList<>(List.of(WORKERS));
            args.addAll(List.of(
                    "--atelier.slack.bot-token=xoxb-crash-test",
                    "--atelier.slack.signing-secret=" + SLACK_SECRET,
                    "--atelier.slack.api-url=" + slack.apiUrl(),
                    "--atelier.slack.update-interval=10ms",
                    "--atelier.slack.post-interval=10ms",
                    // Progress edits at the default pace (2 s): 50 messages edited faster only add load.
                    "--atelier.chat.starting-credits=" + STARTING_CREDITS,
                    "--atelier.chat.quota.tenant-concurrent=0",
                    "--atelier.chat.quota.tenant-daily=0"));
            // One at a time: the first start migrates the fresh schema.
            ChildApplication a = cluster.start("a", args.toArray(String[]::new));
            ApiClient adminA = a.waitUntilUp(PostgresCluster.ADMIN_KEY);
            ChildApplication b = cluster.start("b", args.toArray(String[]::new));
            ApiClient adminB = b.waitUntilUp(PostgresCluster.ADMIN_KEY);
            phases.mark("two instances up");

            List<String> keys = new ArrayList<>();
            for (int t = 0; t < TEAMS; t++) {
                ApiClient.Response team = adminA.post("/api/v1/admin/teams", Map.of("name", "crash team " + t, "credits", STARTING_CREDITS));
                assertThat(team.status()).as(new String(team.bytes())).isEqualTo(201);
                keys.add(team.json().at("/data/apiKey").stringValue());
            }

            // Submit through both instances, 16 requests at a time.
            Map<String, Integer> expectedImages = new HashMap<>();
            Map<String, String> keyOf = new HashMap<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < GENERATIONS; i++) {
                    int n = i;
                    ApiClient api = (n % 2 == 0 ? adminA : adminB).withKey(keys.get(n % TEAMS));
                    int count = n % 5 == 0 ? 2 : 1;
                    ids.add(clients.submit(() -> {
                        ApiClient.Response r = api.post("/api/v1/generations",
                                Map.of("prompt", "crash test scene number " + n, "size", "256x256", "count", count));
                        assertThat(r.status()).as("submission %d: %s", n, new String(r.bytes())).isIn(200, 201, 202);
                        return r.json().at("/data/id").stringValue();
                    }));
                }
                for (int i = 0; i < GENERATIONS; i++) {
                    String id = ids.get(i).get();
                    expectedImages.put(id, i % 5 == 0 ? 2 : 1);
                    keyOf.put(id, keys.get(i % TEAMS));
                }
            }
            assertThat(expectedImages).hasSize(GENERATIONS);
            phases.mark("500 submitted");

            // Then the slash commands, to both instances: their deliveries are in flight at the kill.
            try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
                List<Future<?>> commands = new ArrayList<>();
                for (int i = 0; i < CHAT_COMMANDS; i++) {
                    int n = i;
                    int port = (n % 2 == 0 ? a : b).port;
                    commands.add(clients.submit(() -> {
                        String command = SlackRequests.slashCommand("UCRASH" + n, CHAT_CHANNEL, chatPrompt(n),
                                "trig-crash-" + n, slack.responseUrl("crash-" + n));
                        SlackRequests.Answer answer = SlackRequests.postSigned(port, SLACK_SECRET, command, SlackRequests.FORM, Map.of());
                        assertThat(answer.status()).as("slash command %d: %s", n, answer.body()).isEqualTo(200);
                        return null;
                    }));
                }
                for (Future<?> command : commands) {
                    command.get();
                }
            }
            // A command is acknowledged before it is handled: wait until each is a tracked delivery, so
            // the kill tests durable delivery, not the (documented) loss of an acked, unhandled command.
            awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) FROM chat_deliveries") == CHAT_COMMANDS,
                    Duration.ofSeconds(60), "the slash commands did not all become deliveries");
            phases.mark(CHAT_COMMANDS + " slash commands tracked");

            // The pending message of a delivery is posted, then its ts stored: a kill between the two
            // posts it once more on the next run (documented). Kill after every pending message is
            // known, so what the kill tests is the durable delivery of the results.
            awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) FROM chat_deliveries WHERE target_json LIKE '%\"ts\"%'") == CHAT_COMMANDS,
                    Duration.ofSeconds(60), "the pending messages were not all posted");

            // Kill A while it runs jobs (and while most generations are still queued). Every generation
            // submitted to A has its guard row picked by A from the submit on; three of them processing
            // means A is mid-run.
            String pickedByA = "'atelier-" + a.pid() + "-%' AND t.task_name = 'generation'";
            String runningOnAQuery = "FROM scheduled_tasks t JOIN generations g ON g.id = t.task_instance"
                    + " WHERE g.status = 'PROCESSING' AND t.picked AND t.picked_by LIKE " + pickedByA;
            awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) " + runningOnAQuery) >= 3,
                    Duration.ofSeconds(60), "instance A never ran three generations at once");
            List<String> pickedOnA = strings(cluster, "SELECT t.task_instance " + runningOnAQuery);
            assertThat(a.kill()).isNotZero();
            // Those of them still processing now were cut off by the kill (one may have ended between
            // the query and the kill); nobody revives them before A misses its heartbeats.
            List<String> runningOnA = strings(cluster, "SELECT id FROM generations WHERE status = 'PROCESSING'").stream()
                    .filter(pickedOnA::contains).toList();
            phases.mark("instance A killed");
            long unfinishedAtKill = cluster.queryLong("SELECT COUNT(*) FROM generations WHERE status IN ('QUEUED', 'PROCESSING')");
            long deliveringAtKill = cluster.queryLong("SELECT COUNT(*) FROM chat_deliveries WHERE state = 'ACTIVE'");
            assertThat(unfinishedAtKill).as("the kill came mid-run").isGreaterThan(0);

            // B finishes everything, A's orphaned jobs included.
            awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) FROM generations WHERE status IN ('QUEUED', 'PROCESSING')") == 0
                            && cluster.queryLong("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'generation'") == 0,
                    Duration.ofSeconds(150), "the survivor did not finish the work");
            awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) FROM chat_deliveries WHERE state = 'ACTIVE'") == 0
                            && cluster.queryLong("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'chat-delivery'") == 0,
                    Duration.ofSeconds(60), "the survivor did not finish the chat deliveries");

            phases.mark("all finished (" + unfinishedAtKill + " generations unfinished, " + deliveringAtKill
                    + " chat deliveries active at the kill)");
            Map<String, Integer> chatImages = assertEveryChatDeliveryHappenedOnce(cluster, slack);
            expectedImages.putAll(chatImages);
            assertEveryGenerationSucceededOnce(cluster, expectedImages);
            assertEveryImageStoredOnce(cluster);
            assertCreditsBalance(cluster, TEAMS + 1, STARTING_CREDITS);

            // A's in-flight jobs were revived by B: a second attempt, still one set of images.
            Map<String, Integer> attempts = new HashMap<>();
            try (Connection c = cluster.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, attempts FROM generations")) {
                while (rs.next()) {
                    attempts.put(rs.getString(1), rs.getInt(2));
                }
            }
            // More attempts than two are not a fault: on a starved machine a live instance can miss
            // its heartbeats and have a job revived too; what must hold whatever the timing (one end,
            // one set of images, one charge) is checked above.
            assertThat(runningOnA).isNotEmpty();
            assertThat(runningOnA).allMatch(id -> attempts.get(id) >= 2);

            // What was submitted to the dead instance is served by the survivor, bytes included.
            // One submitted through the API (a revived chat generation belongs to its chat team, which has no key).
            String revived = runningOnA.stream().filter(keyOf::containsKey).findFirst().orElseThrow();
            ApiClient owner = adminB.withKey(keyOf.get(revived));
            JsonNode view = owner.get("/api/v1/generations/" + revived).json().get("data");
            assertThat(view.get("status").stringValue()).isEqualTo("success");
            for (JsonNode image : view.get("outputImages")) {
                ApiClient.Response file = owner.getAbsolute(image.get("storageUrl").stringValue(), Map.of());
                assertThat(file.status()).isEqualTo(200);
                assertThat(file.bytes().length).isEqualTo(image.get("fileSize").intValue());
            }
        }
    }

    static String chatPrompt(int command) {
        return "crash chat scene number " + command;
    }

    /**
     * Every slash command became one generation with one delivery that ended DONE, and Slack saw,
     * per command: one message posted in the channel (the delivery's {@code ts}), each image uploaded
     * once into its thread, and one final edit ({@code slack_file} blocks; an identical repeat
     * allowed) showing exactly those files, which is also the message's last edit. Returns the chat generations' image counts.
     */
    static Map<String, Integer> assertEveryChatDeliveryHappenedOnce(PostgresCluster cluster, FakeSlack slack) throws Exception {
        Map<String, Integer> images = new HashMap<>();
        Map<String, String> generationOfTs = new HashMap<>();
        List<String> prompts = new ArrayList<>();
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT d.generation_id, d.state, d.target_json, g.image_count, g.original_prompt, d.last_error"
                     + " FROM chat_deliveries d JOIN generations g ON g.id = d.generation_id")) {
            while (rs.next()) {
                String generation = rs.getString(1);
                assertThat(rs.getString(2)).as("delivery of %s (%s)", generation, rs.getString(6)).isEqualTo("DONE");
                String ts = JSON.readTree(rs.getString(3)).path("ts").asString(null);
                assertThat(ts).as("message of %s", generation).isNotNull();
                assertThat(generationOfTs.put(ts, generation)).as("two deliveries on message %s", ts).isNull();
                assertThat(images.put(generation, rs.getInt(4))).as("two deliveries of %s", generation).isNull();
                prompts.add(rs.getString(5));
            }
        }
        List<String> expectedPrompts = new ArrayList<>();
        for (int i = 0; i < CHAT_COMMANDS; i++) {
            expectedPrompts.add(chatPrompt(i));
        }
        assertThat(prompts).containsExactlyInAnyOrderElementsOf(expectedPrompts);

        List<FakeSlack.Call> posts = slack.calls("chat.postMessage").stream()
                .filter(p -> CHAT_CHANNEL.equals(p.param("channel"))).toList();
        assertThat(posts.stream().map(p -> p.param(FakeSlack.ANSWERED_TS)).toList())
                .as("messages posted in the channel").containsExactlyInAnyOrderElementsOf(generationOfTs.keySet());

        Map<String, List<String>> uploadedTo = new HashMap<>();
        for (FakeSlack.Call complete : slack.calls("files.completeUploadExternal")) {
            for (JsonNode file : complete.json("files")) {
                uploadedTo.computeIfAbsent(complete.param("thread_ts"), t -> new ArrayList<>()).add(file.get("id").stringValue());
            }
        }
        List<String> uploadedFiles = slack.calls("upload").stream().map(u -> u.param("file_id")).toList();
        // Every file shared in a thread was uploaded once. A kill between an upload and its completion
        // leaves a file nobody ever shared (invisible to users); the next run uploads a new one.
        List<String> sharedFiles = uploadedTo.values().stream().flatMap(List::stream).toList();
        assertThat(sharedFiles).as("files shared").doesNotHaveDuplicates();
        assertThat(uploadedFiles).as("files uploaded").doesNotHaveDuplicates().containsAll(sharedFiles);
        assertThat(uploadedTo.keySet()).isEqualTo(generationOfTs.keySet());

        Map<String, List<FakeSlack.Call>> updatesOf = slack.calls("chat.update").stream()
                .filter(u -> generationOfTs.containsKey(u.param("ts")))
                .collect(Collectors.groupingBy(u -> u.param("ts")));
        generationOfTs.forEach((ts, generation) -> {
            List<String> files = uploadedTo.get(ts);
            assertThat(files).as("files in the thread of %s", generation).hasSize(images.get(generation));
            List<FakeSlack.Call> updates = updatesOf.getOrDefault(ts, List.of());
            List<FakeSlack.Call> finals = updates.stream().filter(u -> SlackHttpFlowTest.isFinalUpdate(u, ts)).toList();
            // One result shown. Repeating the same edit is the one thing a kill right after Slack's
            // answer (before the delivery recorded it) may cause, and nobody can see it.
            assertThat(finals.stream().map(u -> u.param("blocks")).distinct().toList())
                    .as("final edits of the message of %s", generation).hasSize(1);
            FakeSlack.Call last = updates.getLast();
            assertThat(SlackHttpFlowTest.isFinalUpdate(last, ts)).as("the last edit of the message of %s is the result", generation).isTrue();
            List<String> shown = new ArrayList<>();
            for (JsonNode block : last.json("blocks")) {
                if (block.get("type").stringValue().equals("image")) {
                    shown.add(block.at("/slack_file/id").stringValue());
                }
            }
            assertThat(shown).as("files shown for %s", generation).containsExactlyInAnyOrderElementsOf(files);
            assertThat(last.param("blocks")).contains("atelier:reroll:" + generation);
        });
        return images;
    }

    /** Exactly one terminal state each: SUCCEEDED, completed, no error, as many images as asked. */
    static void assertEveryGenerationSucceededOnce(PostgresCluster cluster, Map<String, Integer> expectedImages) throws Exception {
        Map<String, Integer> imageRows = new HashMap<>();
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM generations GROUP BY status")) {
                Map<String, Long> byStatus = new HashMap<>();
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
                assertThat(byStatus).containsExactly(Map.entry("SUCCEEDED", (long) expectedImages.size()));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM generations WHERE completed_at IS NULL OR error_code IS NOT NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT g.id, g.image_count, COUNT(i.id) FROM generations g"
                    + " LEFT JOIN images i ON i.generation_id = g.id GROUP BY g.id, g.image_count")) {
                while (rs.next()) {
                    assertThat(rs.getInt(3)).as("image rows of %s", rs.getString(1)).isEqualTo(rs.getInt(2));
                    imageRows.put(rs.getString(1), rs.getInt(3));
                }
            }
        }
        assertThat(imageRows).isEqualTo(expectedImages);
    }

    /**
     * Each image row has its own content (every prompt differs), each content hash is one object in
     * the bucket, and the bucket holds nothing else: no orphan blob from an interrupted attempt.
     */
    static void assertEveryImageStoredOnce(PostgresCluster cluster) throws Exception {
        long rows = cluster.queryLong("SELECT COUNT(*) FROM images");
        long distinctHashes = cluster.queryLong("SELECT COUNT(DISTINCT content_hash) FROM images");
        assertThat(distinctHashes).isEqualTo(rows);
        assertThat(cluster.queryLong("SELECT COUNT(*) FROM images i WHERE NOT EXISTS (SELECT 1 FROM generations g WHERE g.id = i.generation_id)")).isZero();
        Set<String> hashes = new HashSet<>(strings(cluster, "SELECT content_hash FROM images"));
        Set<String> objects = new HashSet<>();
        String token = null;
        do {
            ListObjectsV2Response page = cluster.blobs.list(ListObjectsV2Request.builder()
                    .bucket(PostgresCluster.BUCKET).continuationToken(token).build());
            for (S3Object object : page.contents()) {
                objects.add(object.key().substring(object.key().lastIndexOf('/') + 1));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        assertThat(objects).isEqualTo(hashes);
    }

    /**
     * Per team: starting credits + ledger == balance, and the ledger holds exactly one charge per
     * generation equal to what the generation says it was charged (refunds only for failures).
     */
    static void assertCreditsBalance(PostgresCluster cluster, int expectedTeams, long startingCredits) throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT t.name, t.credits,
                           (SELECT COALESCE(SUM(l.delta), 0) FROM credit_ledger l WHERE l.team_id = t.id),
                           (SELECT COALESCE(SUM(g.credits_charged), 0) FROM generations g WHERE g.team_id = t.id AND g.status <> 'FAILED'),
                           (SELECT COUNT(*) FROM generations g WHERE g.team_id = t.id)
                    FROM teams t WHERE NOT t.admin""")) {
                int teams = 0;
                while (rs.next()) {
                    teams++;
                    String team = rs.getString(1);
                    assertThat(rs.getLong(2)).as("balance of %s", team).isEqualTo(startingCredits + rs.getLong(3));
                    assertThat(rs.getLong(2)).as("balance of %s", team).isEqualTo(startingCredits - rs.getLong(4));
                    assertThat(rs.getLong(5)).as("generations of %s", team).isGreaterThan(0);
                }
                assertThat(teams).isEqualTo(expectedTeams);
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT COUNT(*) FROM generations g WHERE g.credits_charged <= 0
                       OR (SELECT COUNT(*) FROM credit_ledger l WHERE l.generation_id = g.id AND l.reason = 'CHARGE'
                           AND l.delta = -g.credits_charged) <> 1
                       OR (g.status <> 'FAILED' AND EXISTS (SELECT 1 FROM credit_ledger l WHERE l.generation_id = g.id AND l.reason = 'REFUND'))""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("generations whose ledger does not match their charge").isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM credit_ledger l WHERE NOT EXISTS (SELECT 1 FROM generations g WHERE g.id = l.generation_id)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("ledger rows without a generation").isZero();
            }
        }
    }

    static List<String> strings(PostgresCluster cluster, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Prints how long each phase took (the runtime figures in the report come from here). */
    static final class Phases {
        private final long start = System.nanoTime();
        private long last = start;

        void mark(String phase) {
            long now = System.nanoTime();
            System.out.printf("[phase] %-45s +%5d ms (total %6d ms)%n", phase, (now - last) / 1_000_000, (now - start) / 1_000_000);
            last = now;
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls a condition every 200 ms; fails with the message after the timeout. */
    static void awaitTrue(Condition condition, Duration timeout, String message) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
