package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Slack bot end to end in HTTP mode: signed slash commands, button clicks and modal
 * submissions posted to the running app's {@code /slack/events}, the Web API calls it makes
 * recorded by {@link FakeSlack}, checked in order.
 */
class SlackHttpFlowTest extends SlackTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    /** What one /imagine led to: the pending message, the generation, the uploaded files. */
    record Result(String channel, String ts, String generationId, List<String> fileIds, FakeSlack.Call finalUpdate) {
    }

    private static String trigger() {
        return "trig-" + UUID.randomUUID();
    }

    static boolean isFinalUpdate(FakeSlack.Call c, String ts) {
        return c.method().equals("chat.update") && ts.equals(c.param("ts")) && c.param("blocks") != null
                && c.param("blocks").contains("\"slack_file\"");
    }

    /** The channel's {@code nth} pending message (chat.postMessage), once posted. */
    static FakeSlack.Call awaitPending(String channel, int nth) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<FakeSlack.Call> posts = SLACK.calls("chat.postMessage").stream()
                    .filter(p -> channel.equals(p.param("channel"))).toList();
            if (posts.size() >= nth) {
                return posts.get(nth - 1);
            }
            sleep(50);
        }
        throw new AssertionError("no message " + nth + " in " + channel + "; calls: " + SLACK.describe());
    }

    /** The first message posted in a channel of another fake Slack. */
    static FakeSlack.Call awaitPendingIn(FakeSlack slack, String channel) {
        return slack.await(c -> c.method().equals("chat.postMessage") && channel.equals(c.param("channel")), WAIT);
    }

    /** Waits for the final chat.update of the message posted by {@code pending}. */
    static Result awaitResult(String channel, FakeSlack.Call pending) {
        String messageTs = pending.param(FakeSlack.ANSWERED_TS);
        FakeSlack.Call last = SLACK.await(c -> isFinalUpdate(c, messageTs), WAIT);
        JsonNode blocks = last.json("blocks");
        List<String> files = new ArrayList<>();
        String generationId = null;
        for (JsonNode b : blocks) {
            if (b.get("type").stringValue().equals("image")) {
                files.add(b.at("/slack_file/id").stringValue());
            }
            if (b.get("type").stringValue().equals("actions")) {
                for (JsonNode e : b.get("elements")) {
                    String actionId = e.get("action_id").stringValue();
                    if (actionId.startsWith("atelier:reroll:")) {
                        generationId = actionId.substring("atelier:reroll:".length());
                    }
                }
            }
        }
        return new Result(channel, messageTs, generationId, files, last);
    }

    @Test
    void slashCommandAcksAtOnceThenPostsPendingUpdatesUploadsAndShowsTheResult() {
        String channel = "C-FLOW";
        SlackRequests.Answer ack = postSigned(SlackRequests.slashCommand("U100", channel, "a lighthouse at dusk --ar 16:9",
                trigger(), SLACK.responseUrl("flow")), SlackRequests.FORM);
        SLACK.mark("ack");
        assertThat(ack.status()).isEqualTo(200);

        FakeSlack.Call pending = awaitPending(channel, 1);
        Result result = awaitResult(channel, pending);
        List<FakeSlack.Call> calls = SLACK.calls();

        // Ordering: the ack came back before any work on the result, and the work ran in Slack's order.
        int ackAt = SLACK.indexOfMark("ack");
        int postAt = calls.indexOf(pending);
        int firstUpdateAt = indexOf(calls, c -> c.method().equals("chat.update") && result.ts().equals(c.param("ts")), 0);
        int urlAt = indexOf(calls, c -> c.method().equals("files.getUploadURLExternal"), postAt);
        int uploadAt = indexOf(calls, c -> c.method().equals("upload") && result.fileIds().contains(c.param("file_id")), urlAt);
        int completeAt = indexOf(calls, c -> c.method().equals("files.completeUploadExternal")
                && result.ts().equals(c.param("thread_ts")), uploadAt);
        int finalAt = calls.indexOf(result.finalUpdate());
        assertThat(ackAt).isLessThan(urlAt);
        assertThat(postAt).isLessThan(firstUpdateAt);
        assertThat(firstUpdateAt).isLessThan(urlAt);
        assertThat(urlAt).isLessThan(uploadAt);
        assertThat(uploadAt).isLessThan(completeAt);
        assertThat(completeAt).isLessThan(finalAt);

        // The pending message: prompt as used, model, a progress bar and where the job is. The delivery job
        // posts it (the delivery is recorded first), so it shows the job as that run found it: queued or running.
        String pendingBlocks = pending.param("blocks");
        assertThat(pendingBlocks).contains("a lighthouse at dusk").contains("local/preview").contains("▱")
                .containsAnyOf("next in line", "queue position", "%");
        assertThat(pending.param("text")).containsAnyOf("a lighthouse at dusk", "Imagining");

        // The upload: into the channel and the message's thread, with the image's bytes.
        FakeSlack.Call complete = calls.get(completeAt);
        assertThat(complete.param("channel_id")).isEqualTo(channel);
        assertThat(complete.json("files").get(0).get("id").stringValue()).isEqualTo(result.fileIds().getFirst());
        assertThat(calls.get(uploadAt).bodyBytes()).isGreaterThan(100);

        // The result: the image and the buttons, each carrying the generation id.
        assertThat(result.fileIds()).hasSize(1);
        assertThat(result.generationId()).isNotNull();
        assertThat(result.finalUpdate().param("blocks"))
                .contains("atelier:reroll:" + result.generationId())
                .contains("atelier:upscale.1:" + result.generationId())
                .contains("atelier:vary_subtle.1:" + result.generationId())
                .contains("atelier:publish:" + result.generationId())
                .contains("atelier:delete:" + result.generationId())
                .contains("atelier:details:" + result.generationId());
        assertThat(jdbc.queryForObject("SELECT status FROM generations WHERE id = ?", String.class, result.generationId()))
                .isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT aspect_ratio FROM generations WHERE id = ?", String.class, result.generationId()))
                .isEqualTo("16:9");
    }

    @Test
    void aButtonClickStartsANewJobAndARedeliveryDoesNot() {
        String channel = "C-BUTTONS";
        String command = SlackRequests.slashCommand("U200", channel, "a red kite", trigger(), SLACK.responseUrl("b1"));
        assertThat(postSigned(command, SlackRequests.FORM).status()).isEqualTo(200);
        // Slack's redelivery of the same command (same trigger id): acknowledged, nothing started.
        assertThat(postSigned(command, SlackRequests.FORM, SlackRequests.now(), Map.of("X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout")).status()).isEqualTo(200);
        Result first = awaitResult(channel, awaitPending(channel, 1));

        String click = SlackRequests.blockAction("U200", channel, first.ts(), "atelier:reroll:" + first.generationId(),
                first.generationId(), trigger(), SLACK.responseUrl("b2"));
        assertThat(postSigned(click, SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call second = awaitPending(channel, 2);
        assertThat(second.param("blocks")).contains("a red kite");

        // The same click redelivered: 200, and no third message or job.
        assertThat(postSigned(click, SlackRequests.FORM, SlackRequests.now(), Map.of("X-Slack-Retry-Num", "1")).status())
                .isEqualTo(200);
        // A later click (Details) is answered, so anything the redelivery had started would be visible by now.
        String details = SlackRequests.blockAction("U200", channel, first.ts(), "atelier:details:" + first.generationId(),
                first.generationId(), trigger(), SLACK.responseUrl("b3"));
        assertThat(postSigned(details, SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call detailsReply = SLACK.await(c -> c.method().equals("response_url") && "b3".equals(c.param("id")), WAIT);
        assertThat(detailsReply.body()).contains(first.generationId()).contains("a red kite").contains("ephemeral");

        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM generations WHERE source = 'SLACK' AND original_prompt = ?",
                Long.class, "a red kite")).isEqualTo(2);
    }

    @Test
    void requestsWithABadSignatureOrAStaleOrFutureTimestampGet401AndStartNothing() {
        String channel = "C-FORGED";
        String body = SlackRequests.slashCommand("U300", channel, "forged", trigger(), SLACK.responseUrl("f"));
        long now = SlackRequests.now();
        assertThat(post(body, SlackRequests.FORM, Long.toString(now), SlackRequests.sign("wrong-secret", now, body), Map.of())
                .status()).isEqualTo(401);
        assertThat(post(body, SlackRequests.FORM, Long.toString(now), SlackRequests.sign(SIGNING_SECRET, now, body + "&x=1"),
                Map.of()).status()).isEqualTo(401);
        // Five minutes is the limit both ways (a few seconds off it, so the test does not straddle a second boundary).
        assertThat(postSigned(body, SlackRequests.FORM, now - 305, Map.of()).status()).isEqualTo(401);
        assertThat(postSigned(body, SlackRequests.FORM, now + 305, Map.of()).status()).isEqualTo(401);
        assertThat(post(body, SlackRequests.FORM, null, null, Map.of()).status()).isEqualTo(401);
        assertThat(post(body, SlackRequests.FORM, "not-a-number", "v0=00", Map.of()).status()).isEqualTo(401);
        // Within the window: accepted (once; the future-dated copy below is the same command, a redelivery).
        assertThat(postSigned(body, SlackRequests.FORM, now - 240, Map.of()).status()).isEqualTo(200);
        assertThat(postSigned(body, SlackRequests.FORM, now + 240, Map.of()).status()).isEqualTo(200);
        awaitPending(channel, 1);
        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).count()).isEqualTo(1);
    }

    @Test
    void theEventsUrlAnswersSlacksSignedUrlVerificationChallengeOnly() {
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        SlackRequests.Answer answer = postSigned(body, SlackRequests.JSON_TYPE);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(post(body, SlackRequests.JSON_TYPE, Long.toString(SlackRequests.now()), "v0=" + "0".repeat(64), Map.of())
                .status()).isEqualTo(401);
    }

    @Test
    void imagineWithoutTextOpensTheModalAndItsSubmissionGenerates() {
        String channel = "C-MODAL";
        String triggerId = trigger();
        assertThat(postSigned(SlackRequests.slashCommand("U400", channel, "", triggerId, SLACK.responseUrl("m")),
                SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call open = SLACK.await(c -> c.method().equals("views.open") && triggerId.equals(c.param("trigger_id")), WAIT);
        JsonNode view = open.json("view");
        assertThat(view.get("callback_id").stringValue()).isEqualTo("atelier_imagine_modal");
        assertThat(view.toString()).contains("\"prompt\"").contains("\"template\"").contains("\"aspect_ratio\"")
                .contains("\"model\"").contains("\"count\"").contains("\"enhance\"").contains("\"public\"");
        String metadata = view.get("private_metadata").stringValue();
        assertThat(metadata).contains(channel);

        SLACK.rateLimitNext("chat.update", 1);
        String submission = SlackRequests.viewSubmission("U400", "V-" + UUID.randomUUID(), metadata,
                Map.of("prompt", "two moons over a desert"), Map.of("aspect_ratio", "9:16", "count", "2", "model", "local/preview"),
                false, false);
        assertThat(postSigned(submission, SlackRequests.FORM).status()).isEqualTo(200);
        Result result = awaitResult(channel, awaitPending(channel, 1));
        assertThat(result.fileIds()).hasSize(2);
        Map<String, Object> row = jdbc.queryForMap("SELECT aspect_ratio, image_count FROM generations WHERE id = ?",
                result.generationId());
        assertThat(row.get("aspect_ratio")).isEqualTo("9:16");
        assertThat(((Number) row.get("image_count")).intValue()).isEqualTo(2);
        // Slack's 429 was honoured: the update was tried again and the message still finished.
        assertThat(SLACK.calls("chat.update#429")).isNotEmpty();
    }

    @Test
    void aBlockedPromptIsAnsweredEphemerallyWithTheMatchedRule() {
        String channel = "C-BLOCKED";
        assertThat(postSigned(SlackRequests.slashCommand("U500", channel, "a forbiddenword sign", trigger(),
                SLACK.responseUrl("blocked")), SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call reply = SLACK.await(c -> c.method().equals("response_url") && "blocked".equals(c.param("id")), WAIT);
        assertThat(reply.body()).contains("ephemeral").contains("forbiddenword").contains("PROMPT_BLOCKED");
        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel")))).isEmpty();
    }

    @Test
    void theHomeTabShowsTheUsersRecentGenerationsAndSettings() {
        String channel = "C-HOME";
        assertThat(postSigned(SlackRequests.slashCommand("U600", channel, "a quiet harbour", trigger(),
                SLACK.responseUrl("h")), SlackRequests.FORM).status()).isEqualTo(200);
        awaitPending(channel, 1);
        String eventId = "Ev" + UUID.randomUUID();
        assertThat(postSigned(SlackRequests.appHomeOpened("U600", eventId), SlackRequests.JSON_TYPE).status()).isEqualTo(200);
        FakeSlack.Call publish = SLACK.await(c -> c.method().equals("views.publish") && "U600".equals(c.param("user_id")), WAIT);
        assertThat(publish.json("view").get("type").stringValue()).isEqualTo("home");
        assertThat(publish.param("view")).contains("a quiet harbour").contains("Your settings");
    }

    @Test
    void onlyTheOwnerOrAModeratorMayDelete() {
        String channel = "C-DELETE";
        assertThat(postSigned(SlackRequests.slashCommand("U700", channel, "a paper boat", trigger(),
                SLACK.responseUrl("d0")), SlackRequests.FORM).status()).isEqualTo(200);
        Result result = awaitResult(channel, awaitPending(channel, 1));
        String deleteId = "atelier:delete:" + result.generationId();

        postSigned(SlackRequests.blockAction("U701", channel, result.ts(), deleteId, result.generationId(), trigger(),
                SLACK.responseUrl("d1")), SlackRequests.FORM);
        FakeSlack.Call refused = SLACK.await(c -> c.method().equals("response_url") && "d1".equals(c.param("id")), WAIT);
        assertThat(refused.body()).contains("Only the person who created");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM generations WHERE id = ?", Long.class, result.generationId()))
                .isEqualTo(1);

        postSigned(SlackRequests.blockAction("U700", channel, result.ts(), deleteId, result.generationId(), trigger(),
                SLACK.responseUrl("d2")), SlackRequests.FORM);
        SLACK.await(c -> c.method().equals("chat.update") && result.ts().equals(c.param("ts"))
                && c.param("text").equals("Deleted"), WAIT);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM generations WHERE id = ?", Long.class, result.generationId()))
                .isZero();
    }

    private static int indexOf(List<FakeSlack.Call> calls, Predicate<FakeSlack.Call> p, int from) {
        for (int i = Math.max(0, from); i < calls.size(); i++) {
            if (p.test(calls.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such call after index " + from + " in " + calls.stream().map(FakeSlack.Call::method).toList());
    }
}
