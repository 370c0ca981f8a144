package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publish from Slack and review in the moderators' channel: the request is posted there with
 * Approve and a reject-reason menu that only members of the moderators user group may use; the
 * decision reaches the gallery and its audit log with the Slack moderator as actor.
 */
class SlackModerationTest extends SlackTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    private static String trigger() {
        return "trig-" + UUID.randomUUID();
    }

    private SlackHttpFlowTest.Result imagine(String user, String channel, String prompt) {
        assertThat(postSigned(SlackRequests.slashCommand(user, channel, prompt, trigger(), SLACK.responseUrl("i-" + channel)),
                SlackRequests.FORM).status()).isEqualTo(200);
        return SlackHttpFlowTest.awaitResult(channel, SlackHttpFlowTest.awaitPending(channel, 1));
    }

    private FakeSlack.Call click(String user, String channel, String ts, String actionId, String generationId, String reply) {
        assertThat(postSigned(SlackRequests.blockAction(user, channel, ts, actionId, generationId, trigger(),
                SLACK.responseUrl(reply)), SlackRequests.FORM).status()).isEqualTo(200);
        return SLACK.await(c -> c.method().equals("response_url") && reply.equals(c.param("id")), WAIT);
    }

    private FakeSlack.Call awaitRequest(String generationId) {
        return SLACK.await(c -> c.method().equals("chat.postMessage") && "CMODS".equals(c.param("channel"))
                && c.param("blocks").contains("atelier:approve:" + generationId), WAIT);
    }

    @Test
    void aPublishRequestIsApprovedByAGroupMemberInTheModeratorsChannel() {
        SlackHttpFlowTest.Result result = imagine("U800", "C-PUBLISH", "a lantern festival");
        String id = result.generationId();

        assertThat(click("U801", "C-PUBLISH", result.ts(), "atelier:publish:" + id, id, "p1").body())
                .contains("Only the person who created");
        assertThat(click("U800", "C-PUBLISH", result.ts(), "atelier:publish:" + id, id, "p2").body())
                .contains("Sent to the moderators");
        FakeSlack.Call request = awaitRequest(id);
        String requestTs = request.param(FakeSlack.ANSWERED_TS);
        assertThat(request.param("blocks")).contains("a lantern festival").contains("atelier:reject:" + id).contains("nsfw");
        SLACK.await(c -> c.method().equals("files.completeUploadExternal") && "CMODS".equals(c.param("channel_id"))
                && requestTs.equals(c.param("thread_ts")), WAIT);
        assertThat(jdbc.queryForObject("SELECT status FROM gallery_entries WHERE generation_id = ?", String.class, id))
                .isEqualTo("PENDING_REVIEW");

        assertThat(click("U802", "CMODS", requestTs, "atelier:approve:" + id, id, "a1").body())
                .contains("Only members of the moderators group");
        assertThat(postSigned(SlackRequests.blockAction("UMOD", "CMODS", requestTs, "atelier:approve:" + id, id, trigger(),
                SLACK.responseUrl("a2")), SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call decided = SLACK.await(c -> c.method().equals("chat.update") && requestTs.equals(c.param("ts")), WAIT);
        assertThat(decided.param("blocks")).contains("approved").contains("@UMOD").doesNotContain("atelier:approve:");
        assertThat(jdbc.queryForObject("SELECT status FROM gallery_entries WHERE generation_id = ?", String.class, id))
                .isEqualTo("APPROVED");
        Map<String, Object> audit = jdbc.queryForMap("SELECT actor_id, actor_role, request_id FROM moderation_audit "
                + "WHERE target_id = ? AND action = 'APPROVE'", id);
        assertThat(audit.get("actor_id")).isEqualTo("slack:T0001:UMOD");
        assertThat(audit.get("actor_role")).isEqualTo("MODERATOR");
        assertThat((String) audit.get("request_id")).startsWith("slack:");
    }

    @Test
    void aModeratorRejectsWithAReasonFromTheMenu() {
        SlackHttpFlowTest.Result result = imagine("U810", "C-REJECT", "a smudged sketch");
        String id = result.generationId();
        click("U810", "C-REJECT", result.ts(), "atelier:publish:" + id, id, "r1");
        String requestTs = awaitRequest(id).param(FakeSlack.ANSWERED_TS);

        assertThat(postSigned(SlackRequests.menuAction("UMOD", "CMODS", requestTs, "atelier:reject:" + id, "low-quality",
                trigger(), SLACK.responseUrl("r2")), SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call decided = SLACK.await(c -> c.method().equals("chat.update") && requestTs.equals(c.param("ts")), WAIT);
        assertThat(decided.param("blocks")).contains("rejected (low-quality)");
        assertThat(jdbc.queryForMap("SELECT status, reason FROM gallery_entries WHERE generation_id = ?", id))
                .containsValues("REJECTED", "low-quality");
        assertThat(jdbc.queryForObject("SELECT actor_id FROM moderation_audit WHERE target_id = ? AND action = 'REJECT'",
                String.class, id)).isEqualTo("slack:T0001:UMOD");
    }
}
