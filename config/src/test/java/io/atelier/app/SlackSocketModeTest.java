package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Socket Mode: the bot connects to the WebSocket URL that {@code apps.connections.open} gives it
 * (with the app-level token) and handles envelopes like HTTP requests: acks each at once, and a
 * retried envelope (same trigger id, {@code retry_attempt} 1) starts nothing.
 */
class SlackSocketModeTest extends SlackTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    private static ObjectNode slashCommand(String user, String channel, String text, String triggerId, String responseUrl) {
        ObjectNode p = SlackRequests.JSON.createObjectNode();
        p.put("token", "legacy-verification-token");
        p.put("team_id", SlackRequests.WORKSPACE);
        p.put("team_domain", "atelier-test");
        p.put("channel_id", channel);
        p.put("channel_name", "art");
        p.put("user_id", user);
        p.put("user_name", "user-" + user.toLowerCase());
        p.put("command", "/imagine");
        p.put("text", text);
        p.put("api_app_id", "A0001");
        p.put("is_enterprise_install", "false");
        p.put("response_url", responseUrl);
        p.put("trigger_id", triggerId);
        return p;
    }

    @Test
    void aSlashCommandOverTheWebSocketIsAckedAndFinishedAndItsRetryIsIgnored() {
        SLACK.awaitSocket(WAIT);
        String channel = "C-SOCKET";
        ObjectNode command = slashCommand("U1000", channel, "a tram in the fog", "trig-" + UUID.randomUUID(),
                SLACK.responseUrl("s1"));

        String envelope = SLACK.sendEnvelope("slash_commands", command, 0);
        JsonNode ack = SLACK.awaitAck(envelope, WAIT);
        assertThat(ack.get("envelope_id").stringValue()).isEqualTo(envelope);

        FakeSlack.Call pending = SlackHttpFlowTest.awaitPending(channel, 1);
        assertThat(pending.param("blocks")).contains("a tram in the fog");
        String retry = SLACK.sendEnvelope("slash_commands", command, 1);
        SLACK.awaitAck(retry, WAIT);

        SlackHttpFlowTest.Result result = SlackHttpFlowTest.awaitResult(channel, pending);
        assertThat(result.fileIds()).hasSize(1);
        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM generations WHERE original_prompt = ?", Long.class,
                "a tram in the fog")).isEqualTo(1);
    }
}
