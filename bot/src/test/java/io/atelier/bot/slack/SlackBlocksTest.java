package io.atelier.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import io.atelier.bot.chat.ChatView;
import io.atelier.core.storage.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Block Kit as Slack receives it (the SDK's own JSON), for each state of a message. */
class SlackBlocksTest {

    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The blocks as the SDK sends them, re-read so HTML-safe escapes (\\u003c) compare as the characters they are. */
    private static String json(SlackBlocks.Message m) {
        return JSON.readTree(GSON.toJson(m.blocks())).toString();
    }
    private static final String ID = "0b6c7c8e-0d7e-4f5a-9a55-3f1f1e2d3c4b";

    @Test
    void thePendingMessageShowsThePromptAsUsedTheModelTheQueuePositionAndABar() {
        SlackBlocks.Message m = SlackBlocks.render(new ChatView.Pending(ID, "a <b> & c", "abc", "local/preview", 2, 3,
                Duration.ofSeconds(40)), "U1", List.of());
        String json = json(m);
        assertThat(json).contains("a &lt;b&gt; &amp; c").contains("local/preview").contains("queue position 4")
                .contains("about 40 s").contains("2 images").contains("<@U1>").contains("▱▱▱▱▱▱▱▱▱▱ 0%");
        assertThat(m.text()).contains("a <b> & c");
    }

    @Test
    void theResultShowsEachUploadedImageAndTheButtons() {
        StoredImage first = new StoredImage("i1", ID, "t", 0, "hash", "tok", "image/png", 64, 64, 10, null, Instant.EPOCH);
        StoredImage second = new StoredImage("i2", ID, "t", 1, "hash2", "tok2", "image/png", 64, 64, 10, null, Instant.EPOCH);
        SlackBlocks.Message m = SlackBlocks.render(new ChatView.Result(ID, "a fox", null, "local/preview", 42L, 1500L,
                "1:1", List.of(first, second), List.of("seed ignored"), "caption"), "U1", List.of("F1", "F2"));
        String json = json(m);
        assertThat(json).contains("\"slack_file\":{\"id\":\"F1\"}").contains("\"slack_file\":{\"id\":\"F2\"}")
                .contains("atelier:reroll:" + ID).contains("atelier:upscale.1:" + ID).contains("atelier:upscale.2:" + ID)
                .contains("atelier:vary_strong.1:" + ID).contains("atelier:vary_strong.2:" + ID).contains("atelier:remix:" + ID)
                .contains("atelier:publish:" + ID).contains("atelier:delete:" + ID).contains("atelier:details:" + ID)
                .contains("seed 42").contains("1.5 s").contains("seed ignored").doesNotContain("atelier:variations:");
    }

    @Test
    void oneImageGetsUpscaleAndBothVariationsAndAModelWithoutImageInputsNone() {
        StoredImage only = new StoredImage("i1", ID, "t", 2, "hash", "tok", "image/png", 64, 64, 10, null, Instant.EPOCH);
        ChatView.Result single = new ChatView.Result(ID, "a fox", null, "local/preview", 42L, 1500L, "1:1", List.of(only),
                List.of(), "caption", null, true, "Image 3 at its full size, 64×64: local/preview has no upscaler.");
        String json = json(SlackBlocks.render(single, "U1", List.of("F3")));
        assertThat(json).contains("atelier:upscale.3:" + ID).contains("atelier:vary_subtle.3:" + ID)
                .contains("atelier:vary_strong.3:" + ID).contains("has no upscaler");

        ChatView.Result noInputs = new ChatView.Result(ID, "a fox", null, "openai/dall-e-3", 42L, 1500L, "1:1", List.of(only),
                List.of(), "caption", null, false, null);
        assertThat(json(SlackBlocks.render(noInputs, "U1", List.of("F3")))).contains("atelier:upscale.3:" + ID)
                .doesNotContain("vary_");
    }

    @Test
    void pendingAndRunningMessagesOfferCancelAndARunningOneItsPreview() {
        SlackBlocks.Message pending = SlackBlocks.render(new ChatView.Pending(ID, "a fox", null, "local/preview", 1, 0, null),
                "U1", List.of());
        assertThat(json(pending)).contains("atelier:cancel:" + ID);
        ChatView.Progress running = new ChatView.Progress(ID, "a fox", null, "local/preview", 40, "bar", "step 8/20",
                new ChatView.PreviewImage(2, new byte[] {1}, "image/jpeg"));
        String json = json(SlackBlocks.render(running, "U1", List.of("FPREVIEW")));
        assertThat(json).contains("atelier:cancel:" + ID).contains("\"slack_file\":{\"id\":\"FPREVIEW\"}");
        assertThat(running.key()).isEqualTo("progress:40:p2");
    }

    @Test
    void aFailureNamesTheCodeAndTheMatchedRuleAndOffersRetry() {
        SlackBlocks.Message m = SlackBlocks.render(new ChatView.Failure(ChatView.FailureKind.PROVIDER, "PROVIDER_ERROR",
                "the model is down", ID, null, null, true), "U1", List.of());
        assertThat(json(m)).contains("PROVIDER_ERROR").contains("atelier:retry:" + ID);
        SlackBlocks.Message blocked = SlackBlocks.render(new ChatView.Failure(ChatView.FailureKind.BLOCKED, "PROMPT_BLOCKED",
                "blocked", null, "global#1", null, false), null, List.of());
        assertThat(json(blocked)).contains("global#1").doesNotContain("atelier:retry");
    }
}
