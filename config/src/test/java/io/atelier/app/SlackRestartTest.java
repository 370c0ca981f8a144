package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable Slack delivery: the process is killed (SIGKILL) after the pending message was posted
 * and before the image was made; after the next start the same message is finished (uploaded
 * image, buttons), with no second pending message, and an Upscale button of a result the first
 * process made still works.
 */
class SlackRestartTest {

    private static final String KEY = "slack-restart-admin-key-0123456789";
    private static final String SECRET = "restart-signing-secret-0123456789";

    @TempDir
    Path dataDir;

    private static String[] args(FakeSlack slack) {
        return new String[] {
                "--atelier.bootstrap-api-key=" + KEY,
                "--atelier.providers.local.latency=4s",
                "--atelier.generation.in-flight-limits.local=2",
                "--atelier.worker.poll-interval=300ms",
                "--atelier.worker.heartbeat-interval=1s",
                "--atelier.worker.missed-heartbeats=4",
                "--atelier.worker.shutdown-grace=1s",
                "--atelier.slack.bot-token=xoxb-restart-test",
                "--atelier.slack.signing-secret=" + SECRET,
                "--atelier.slack.api-url=" + slack.apiUrl(),
                "--atelier.slack.update-interval=20ms",
                "--atelier.slack.post-interval=20ms",
                "--atelier.chat.delivery.progress-interval=500ms"
        };
    }

    @Test
    void aKillBetweenThePendingMessageAndTheResultStillEndsWithTheMessageUpdated() throws Exception {
        String channel = "C-RESTART";
        String earlier = "C-EARLIER";
        try (FakeSlack slack = new FakeSlack()) {
            String ts;
            String upscale;
            String earlierTs;
            try (ChildApplication first = ChildApplication.start(dataDir, "first.log", args(slack))) {
                first.waitUntilUp(KEY);
                // A result made by this process, whose Upscale button is clicked after the restart.
                assertThat(SlackRequests.postSigned(first.port, SECRET, SlackRequests.slashCommand("U900", earlier,
                        "first light", "trig-restart-0", slack.responseUrl("e")), SlackRequests.FORM, Map.of()).status())
                        .isEqualTo(200);
                earlierTs = slack.await(c -> c.method().equals("chat.postMessage") && earlier.equals(c.param("channel")),
                        Duration.ofSeconds(60)).param(FakeSlack.ANSWERED_TS);
                String blocks = slack.await(c -> SlackHttpFlowTest.isFinalUpdate(c, earlierTs), Duration.ofSeconds(60))
                        .param("blocks");
                upscale = blocks.replaceAll("(?s).*(atelier:upscale\\.1:[0-9a-f-]{36}).*", "$1");
                assertThat(upscale).startsWith("atelier:upscale.1:");
                String command = SlackRequests.slashCommand("U900", channel, "survives a restart", "trig-restart-1",
                        slack.responseUrl("r"));
                assertThat(SlackRequests.postSigned(first.port, SECRET, command, SlackRequests.FORM, Map.of()).status())
                        .isEqualTo(200);
                FakeSlack.Call pending = slack.await(c -> c.method().equals("chat.postMessage")
                        && channel.equals(c.param("channel")), Duration.ofSeconds(60));
                ts = pending.param(FakeSlack.ANSWERED_TS);
                // The delivery is tracked (its first edit came), and the image is not made yet.
                slack.await(c -> c.method().equals("chat.update") && ts.equals(c.param("ts")), Duration.ofSeconds(60));
                assertThat(slack.calls("files.completeUploadExternal")).noneMatch(c -> ts.equals(c.param("thread_ts")));
                assertThat(first.kill()).isNotZero();
            }
            try (ChildApplication second = ChildApplication.start(dataDir, "second.log", args(slack))) {
                second.waitUntilUp(KEY);
                FakeSlack.Call done = slack.await(c -> SlackHttpFlowTest.isFinalUpdate(c, ts), Duration.ofSeconds(120));
                assertThat(done.param("blocks")).contains("atelier:reroll:").contains("survives a restart");
                // Before the result, the message said it was resuming (not its stale progress), and the job was
                // released at once: the first process is certainly gone (same host, its pid ended).
                FakeSlack.Call resuming = slack.await(c -> c.method().equals("chat.update") && ts.equals(c.param("ts"))
                        && c.param("blocks") != null && c.param("blocks").contains("Resuming after a restart"), Duration.ofSeconds(5));
                assertThat(slack.calls().indexOf(resuming)).isLessThan(slack.calls().indexOf(done));
                assertThat(Files.readString(dataDir.resolve("second.log"))).contains("the previous process on this host");
                assertThat(slack.calls("files.completeUploadExternal")).anySatisfy(c -> assertThat(c.param("thread_ts")).isEqualTo(ts));
                assertThat(slack.calls("chat.postMessage")).filteredOn(c -> channel.equals(c.param("channel"))).hasSize(1);

                assertThat(SlackRequests.postSigned(second.port, SECRET, SlackRequests.blockAction("U901", earlier, earlierTs,
                        upscale, "v", "trig-restart-2", slack.responseUrl("u")), SlackRequests.FORM, Map.of()).status())
                        .isEqualTo(200);
                FakeSlack.Call upscaled = slack.await(c -> c.method().equals("chat.postMessage") && earlier.equals(c.param("channel"))
                        && !earlierTs.equals(c.param(FakeSlack.ANSWERED_TS)), Duration.ofSeconds(60));
                String upscaledTs = upscaled.param(FakeSlack.ANSWERED_TS);
                FakeSlack.Call shown = slack.await(c -> SlackHttpFlowTest.isFinalUpdate(c, upscaledTs), Duration.ofSeconds(120));
                assertThat(shown.param("blocks")).contains("first light").contains("atelier:vary_subtle.1:");
            }
        }
    }
}
