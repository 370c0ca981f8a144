package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.storage.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Midjourney's loop on Slack, end to end through Bolt: signed commands, clicks and form submissions
 * to the running app ({@link ChatImagesTestSupport}), the Web API calls it makes recorded by
 * {@link FakeSlack}. Four images, V2 from image 2, U3 larger, Remix through its form, Cancel on a
 * running job; files shared with a command or chosen in a form reach the provider; {@code /describe}
 * and {@code /blend}; bad input answered privately without a charge.
 */
class SlackImagesFlowTest extends ChatImagesTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImageStore store;

    @Test
    void fourImagesThenV2ThenU3ThenRemixThroughItsForm() throws IOException {
        String channel = "C-LOOP";
        command("/imagine", "U300", channel, "a fox on a roof --n 4", "loop");
        Message first = result(channel, 1);
        String id = first.generationId();
        assertThat(first.actionIds()).contains("atelier:upscale.1:" + id, "atelier:upscale.4:" + id,
                "atelier:vary_strong.2:" + id, "atelier:remix:" + id);
        // The message shows one 2×2 grid; the four images are in its thread at full size.
        assertThat(first.fileIds()).hasSize(1);
        assertThat(SLACK.calls("files.completeUploadExternal").stream()
                .filter(c -> first.ts().equals(c.param("thread_ts")))).hasSize(4);

        click("U301", channel, first.ts(), "atelier:vary_strong.2:" + id, "v2");
        Message varied = result(channel, 2);
        ProviderRequest sent = RecordingLocalProvider.await(r -> r.initImage() != null && r.upscale() == null
                && r.prompt().startsWith("a fox on a roof"), WAIT);
        assertThat(TestImages.pixels(sent.initImage().bytes())).isEqualTo(TestImages.pixels(image(id, 1)));
        assertThat(sent.strength()).isEqualTo(0.7);
        assertThat(varied.generationId()).isNotEqualTo(id);

        click("U301", channel, first.ts(), "atelier:upscale.3:" + id, "u3");
        Message upscaled = result(channel, 3);
        Map<String, Object> source = imageRow(id, 2);
        Map<String, Object> large = imageRow(upscaled.generationId(), 0);
        assertThat(((Number) large.get("width")).intValue()).isEqualTo(2 * ((Number) source.get("width")).intValue());
        assertThat(((Number) large.get("height")).intValue()).isEqualTo(2 * ((Number) source.get("height")).intValue());

        String trigger = click("U300", channel, first.ts(), "atelier:remix:" + id, "remix");
        FakeSlack.Call opened = SLACK.await(c -> c.method().equals("views.open") && trigger.equals(c.param("trigger_id")), WAIT);
        JsonNode view = opened.json("view");
        assertThat(view.path("callback_id").asString()).isEqualTo("atelier_remix_modal");
        assertThat(view.toString()).contains("\"initial_value\":\"a fox on a roof\"").contains("local/preview");
        postSigned(SlackRequests.formSubmission("U300", "atelier_remix_modal", view.path("private_metadata").asString(),
                Map.of("prompt", "a fox on a roof at dawn", "ratio", "16:9"), Map.of()), SlackRequests.FORM);
        Message remixed = result(channel, 4);
        Map<String, Object> row = jdbc.sql("SELECT original_prompt, aspect_ratio, image_count FROM generations WHERE id = ?")
                .param(remixed.generationId()).query().singleRow();
        assertThat(row).containsEntry("original_prompt", "a fox on a roof at dawn").containsEntry("aspect_ratio", "16:9");
        assertThat(((Number) row.get("image_count")).intValue()).isEqualTo(4);
    }

    @Test
    void cancelOnARunningJobRefundsItAndUpdatesItsMessage() {
        String channel = "C-CANCEL";
        // The fake AUTOMATIC1111 renders "hold" prompts until it is interrupted: the job runs until canceled.
        command("/imagine", "U310", channel, "hold a slow tide --n 4 --model automatic1111/default", "cancel");
        FakeSlack.Call pending = awaitPending(channel, 1);
        String ts = pending.param(FakeSlack.ANSWERED_TS);
        // The pending message (as posted) already offers Cancel.
        String id = pending.param("blocks").replaceAll("(?s).*atelier:cancel:([0-9a-f-]{36}).*", "$1");
        awaitStatus(id, "PROCESSING");
        String team = jdbc.sql("SELECT team_id FROM generations WHERE id = ?").param(id).query(String.class).single();
        long charged = credits(team);

        click("U310", channel, ts, "atelier:cancel:" + id, "cancel-click");

        FakeSlack.Call said = SLACK.await(c -> c.method().equals("response_url") && "cancel-click".equals(c.param("id")), WAIT);
        assertThat(said.body()).contains("Canceled; 4 credits were refunded.");
        SLACK.await(c -> c.method().equals("chat.update") && ts.equals(c.param("ts")) && c.param("blocks").contains("CANCELED"), WAIT);
        assertThat(credits(team)).isEqualTo(charged + 4);
    }

    @Test
    void filesSharedWithTheCommandOrChosenInTheFormReachTheProvider() {
        byte[] roof = TestImages.png(72, 48, 0x884422);
        JsonNode shared = SLACK.shareFile("roof.png", "image/png", roof, 72, 48);
        command("/imagine", "U320", "C-FILES", "the same roof at night <" + shared.path("permalink").asString() + ">", "shared");
        ProviderRequest fromLink = RecordingLocalProvider.await(r -> r.prompt().startsWith("the same roof at night"), WAIT);
        assertThat(TestImages.pixels(fromLink.initImage().bytes())).isEqualTo(TestImages.pixels(roof));
        assertThat(SLACK.downloadAuthorizations()).contains("Bearer xoxb-test-token");

        byte[] door = TestImages.png(48, 72, 0x224488);
        JsonNode chosen = SLACK.shareFile("door.png", "image/png", door, 48, 72);
        postSigned(SlackRequests.formSubmission("U320", "atelier_imagine_modal", "{\"channel\":\"C-FILES\"}",
                Map.of("prompt", "a door in the rain"), Map.of("image", List.of(chosen))), SlackRequests.FORM);
        ProviderRequest fromForm = RecordingLocalProvider.await(r -> r.prompt().startsWith("a door in the rain"), WAIT);
        assertThat(TestImages.pixels(fromForm.initImage().bytes())).isEqualTo(TestImages.pixels(door));
    }

    @Test
    void describeAnswersFourPromptsAndBlendTakesThreeImages() {
        JsonNode fox = SLACK.shareFile("fox.png", "image/png", TestImages.png(64, 64, 0xCC6611), 64, 64);
        command("/describe", "U330", "C-DESCRIBE", "<" + fox.path("permalink").asString() + ">", "describe");
        FakeSlack.Call described = SLACK.await(c -> c.method().equals("chat.postMessage") && "C-DESCRIBE".equals(c.param("channel"))
                && c.param("text").startsWith("Described"), WAIT);
        VisionChatModel.PROMPTS.forEach(p -> assertThat(described.param("blocks")).contains(p));
        String third = described.param("blocks").replaceAll("(?s).*(atelier:imagine_prompt\\.3:[0-9a-f-]{36}).*", "$1");
        click("U331", "C-DESCRIBE", described.param(FakeSlack.ANSWERED_TS), third, "imagine-3");
        Message imagined = result("C-DESCRIBE", 2);
        assertThat(jdbc.sql("SELECT original_prompt FROM generations WHERE id = ?").param(imagined.generationId())
                .query(String.class).single()).isEqualTo(VisionChatModel.PROMPTS.get(2));

        List<byte[]> parts = List.of(TestImages.png(40, 40, 0xAA0000), TestImages.png(40, 40, 0x00AA00),
                TestImages.png(40, 40, 0x0000AA));
        StringBuilder links = new StringBuilder("one flag of three colours");
        for (int i = 0; i < parts.size(); i++) {
            links.append(" <").append(SLACK.shareFile("part" + i + ".png", "image/png", parts.get(i), 40, 40)
                    .path("permalink").asString()).append('>');
        }
        command("/blend", "U330", "C-BLEND", links.toString(), "blend");
        ProviderRequest blend = RecordingLocalProvider.await(r -> r.prompt().startsWith("one flag of three colours"), WAIT);
        assertThat(blend.referenceImages()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(TestImages.pixels(blend.referenceImages().get(i).bytes())).isEqualTo(TestImages.pixels(parts.get(i)));
        }
        result("C-BLEND", 1);
    }

    @Test
    void badInputIsAnsweredPrivatelyWithoutACharge() {
        String channel = "C-BAD";
        command("/imagine", "U340", channel, "a first roof", "first");
        result(channel, 1);
        String team = jdbc.sql("SELECT team_id FROM chat_tenants WHERE platform = 'SLACK' AND tenant_id = ?")
                .param(SlackRequests.WORKSPACE).query(String.class).single();
        long credits = credits(team);

        JsonNode text = SLACK.shareFile("notes.txt", "text/plain", "just words".getBytes(), null, null);
        command("/imagine", "U340", channel, "from text <" + text.path("permalink").asString() + ">", "not-image");
        assertThat(said("not-image")).contains("is not an image");

        JsonNode one = SLACK.shareFile("one.png", "image/png", TestImages.png(32, 32, 0x101010), 32, 32);
        command("/blend", "U340", channel, "<" + one.path("permalink").asString() + ">", "one-blend");
        assertThat(said("one-blend")).contains("/blend takes 2 to 5 images");

        command("/imagine", "U340", channel, "please fail --model automatic1111/default", "failing");
        // The failure shows in the message: posted as such when the job failed before its pending view went out.
        FakeSlack.Call failed = SLACK.await(c -> (c.method().equals("chat.update") || c.method().equals("chat.postMessage"))
                && channel.equals(c.param("channel")) && c.param("blocks") != null
                && c.param("blocks").contains("atelier:retry:"), WAIT);
        String failedId = failed.param("blocks").replaceAll("(?s).*atelier:retry:([0-9a-f-]{36}).*", "$1");
        String failedTs = failed.method().equals("chat.update") ? failed.param("ts") : failed.param(FakeSlack.ANSWERED_TS);
        long jobs = generationCount(team);
        click("U340", channel, failedTs, "atelier:upscale.1:" + failedId, "upscale-failed");
        assertThat(said("upscale-failed")).contains("Only a finished image can be upscaled; this generation ended failed");

        assertThat(generationCount(team)).isEqualTo(jobs);
        assertThat(credits(team)).as("nothing charged; the failed job refunded").isEqualTo(credits);
    }

    // ---- helpers ----

    /** A result message: its ts, generation, uploaded files and buttons. */
    record Message(String ts, String generationId, List<String> fileIds, List<String> actionIds) {
    }

    private void command(String command, String user, String channel, String text, String responseId) {
        assertThat(postSigned(SlackRequests.slashCommand(command, user, channel, text, "trig-" + UUID.randomUUID(),
                SLACK.responseUrl(responseId)), SlackRequests.FORM).status()).isEqualTo(200);
    }

    /** Clicks a button; returns the click's trigger id. */
    private String click(String user, String channel, String ts, String actionId, String responseId) {
        String trigger = "trig-" + UUID.randomUUID();
        assertThat(postSigned(SlackRequests.blockAction(user, channel, ts, actionId, "v", trigger,
                SLACK.responseUrl(responseId)), SlackRequests.FORM).status()).isEqualTo(200);
        return trigger;
    }

    private static String said(String responseId) {
        return SLACK.await(c -> c.method().equals("response_url") && responseId.equals(c.param("id")), WAIT).body();
    }

    static FakeSlack.Call awaitPending(String channel, int nth) {
        return SlackHttpFlowTest.awaitPending(channel, nth);
    }

    /** The {@code nth} message posted in the channel, once it shows its result. */
    private static Message result(String channel, int nth) {
        FakeSlack.Call pending = awaitPending(channel, nth);
        String ts = pending.param(FakeSlack.ANSWERED_TS);
        FakeSlack.Call last = SLACK.await(c -> SlackHttpFlowTest.isFinalUpdate(c, ts), WAIT);
        List<String> files = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        String generation = null;
        for (JsonNode block : last.json("blocks")) {
            if (block.path("type").asString().equals("image")) {
                files.add(block.at("/slack_file/id").asString());
            }
            for (JsonNode element : block.path("elements")) {
                String actionId = element.path("action_id").asString("");
                if (!actionId.isEmpty()) {
                    actions.add(actionId);
                    if (actionId.startsWith("atelier:details:")) {
                        generation = actionId.substring("atelier:details:".length());
                    }
                }
            }
        }
        return new Message(ts, generation, files, actions);
    }

    private byte[] image(String generationId, int index) throws IOException {
        String hash = (String) imageRow(generationId, index).get("content_hash");
        try (InputStream in = store.open(hash).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private Map<String, Object> imageRow(String generationId, int index) {
        return jdbc.sql("SELECT content_hash, width, height FROM images WHERE generation_id = ? AND image_index = ?")
                .params(generationId, index).query().singleRow();
    }

    private void awaitStatus(String id, String wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!wanted.equals(jdbc.sql("SELECT status FROM generations WHERE id = ?").param(id).query(String.class).single())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("generation " + id + " never reached " + wanted);
            }
            sleep(20);
        }
    }

    private long credits(String team) {
        return jdbc.sql("SELECT credits FROM teams WHERE id = ?").param(team).query(Long.class).single();
    }

    private long generationCount(String team) {
        return jdbc.sql("SELECT COUNT(*) FROM generations WHERE team_id = ?").param(team).query(Long.class).single();
    }
}
