package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moderation in chat for every publish: {@code --public} from Slack and {@code public: true} from the
 * native API both reach the Slack moderators' channel (as durable {@code chat-moderation} jobs);
 * approving in the web console updates the Slack post and tells the Slack author by DM.
 */
class SlackModerationEverywhereTest extends SlackTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OTHER = "T0002";

    @Autowired
    JdbcTemplate jdbc;

    private static FakeSlack.Call awaitRequest(String generationId) {
        return SLACK.await(c -> c.method().equals("chat.postMessage") && "CMODS".equals(c.param("channel"))
                && c.param("blocks") != null && c.param("blocks").contains("atelier:approve:" + generationId), WAIT);
    }

    @Test
    void publicFromSlackAndFromTheApiReachTheChannelAndAConsoleApprovalUpdatesThePostAndTellsTheAuthor() {
        String channel = "C-EVERY";
        assertThat(postSigned(SlackRequests.slashCommand("U700", channel, "a harbour at dawn --public",
                "trig-" + UUID.randomUUID(), SLACK.responseUrl("pub")), SlackRequests.FORM).status()).isEqualTo(200);
        SlackHttpFlowTest.Result result = SlackHttpFlowTest.awaitResult(channel, SlackHttpFlowTest.awaitPending(channel, 1));
        String fromSlack = result.generationId();
        FakeSlack.Call request = awaitRequest(fromSlack);
        assertThat(request.param("blocks")).contains("a harbour at dawn").contains("@U700");
        String requestTs = request.param(FakeSlack.ANSWERED_TS);
        SLACK.await(c -> c.method().equals("files.completeUploadExternal") && "CMODS".equals(c.param("channel_id"))
                && requestTs.equals(c.param("thread_ts")), WAIT);
        assertThat(jdbc.queryForObject("SELECT shown_status FROM chat_moderation_posts WHERE generation_id = ?", String.class,
                fromSlack)).isEqualTo("PENDING_REVIEW");

        TeamClient owner = team("api publisher");
        String fromApi = generate(owner.api(), Map.of("prompt", "an api heron", "public", true));
        assertThat(awaitRequest(fromApi).param("blocks")).contains("an api heron");

        // A moderator approves the Slack one in the web console.
        TeamClient moderator = moderator("console moderators");
        WebClient console = new WebClient();
        assertThat(console.login(moderator.key()).statusCode()).isEqualTo(302);
        String csrf = console.csrf("/moderation");
        HttpResponse<String> approved = console.post("/moderation/" + fromSlack + "/approve", Map.of("_csrf", csrf));
        assertThat(approved.statusCode()).isEqualTo(302);

        FakeSlack.Call decided = SLACK.await(c -> c.method().equals("chat.update") && requestTs.equals(c.param("ts"))
                && "CMODS".equals(c.param("channel")), WAIT);
        assertThat(decided.param("blocks")).contains("approved").doesNotContain("atelier:approve:");
        FakeSlack.Call told = SLACK.await(c -> c.method().equals("chat.postMessage") && "U700".equals(c.param("channel")), WAIT);
        assertThat(told.param("text")).contains("approved").contains(fromSlack);
        assertThat(jdbc.queryForObject("SELECT status FROM gallery_entries WHERE generation_id = ?", String.class, fromSlack))
                .isEqualTo("APPROVED");
    }

    @Test
    void aWorkspaceAdminGivesTheWorkspaceItsOwnModeratorsChannel() {
        // Another workspace than the other tests' (T0001), which keep the configured channel.
        SLACK.workspaceAdmins(java.util.Set.of("UADMIN"));
        assertThat(postSigned(SlackRequests.slashCommandIn(OTHER, "/imagine", "U701", "C-ADMIN", "admin moderation-channel <#CWSMODS|mods>",
                "trig-" + UUID.randomUUID(), SLACK.responseUrl("adm1")), SlackRequests.FORM).status()).isEqualTo(200);
        assertThat(SLACK.await(c -> c.method().equals("response_url") && "adm1".equals(c.param("id")), WAIT).body())
                .contains("Only workspace admins");
        assertThat(postSigned(SlackRequests.slashCommandIn(OTHER, "/imagine", "UADMIN", "C-ADMIN", "admin moderation-channel <#CWSMODS|mods>",
                "trig-" + UUID.randomUUID(), SLACK.responseUrl("adm2")), SlackRequests.FORM).status()).isEqualTo(200);
        assertThat(SLACK.await(c -> c.method().equals("response_url") && "adm2".equals(c.param("id")), WAIT).body())
                .contains("Workspace settings saved").contains("CWSMODS");

        assertThat(postSigned(SlackRequests.slashCommandIn(OTHER, "/imagine", "U701", "C-ADMIN", "a lantern on a jetty --public",
                "trig-" + UUID.randomUUID(), SLACK.responseUrl("pub2")), SlackRequests.FORM).status()).isEqualTo(200);
        String id = SlackHttpFlowTest.awaitResult("C-ADMIN", SlackHttpFlowTest.awaitPending("C-ADMIN", 1)).generationId();
        SLACK.await(c -> c.method().equals("chat.postMessage") && "CWSMODS".equals(c.param("channel"))
                && c.param("blocks") != null && c.param("blocks").contains("atelier:approve:" + id), WAIT);
    }
}
