package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Slack on par with Discord, through Bolt against {@link FakeSlack}: {@code /imagine settings} changes a
 * default the next {@code /imagine} uses, {@code /imagine show ID} brings a result back with its buttons,
 * the form's Enhance box unchecked leaves the prompt as written, {@code /imagine help} and history answer.
 */
class SlackParityTest extends SlackTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    private static String trigger() {
        return "trig-" + UUID.randomUUID();
    }

    private FakeSlack.Call command(String user, String channel, String text, String reply) {
        assertThat(postSigned(SlackRequests.slashCommand(user, channel, text, trigger(), SLACK.responseUrl(reply)),
                SlackRequests.FORM).status()).isEqualTo(200);
        return null;
    }

    private FakeSlack.Call reply(String id) {
        return SLACK.await(c -> c.method().equals("response_url") && id.equals(c.param("id")), WAIT);
    }

    @Test
    void settingsChangeTheNextImagineAndShowBringsAResultBack() {
        command("U900", "C-PARITY", "settings ratio=16:9 enhance=off", "s1");
        assertThat(reply("s1").body()).contains("Settings saved").contains("16:9").contains("Enhance: `off`");
        command("U900", "C-PARITY", "settings", "s2");
        assertThat(reply("s2").body()).contains("Your settings").contains("16:9");
        command("U900", "C-PARITY", "settings colour=red", "s3");
        assertThat(reply("s3").body()).contains("Settings not changed").contains("colour");

        command("U900", "C-PARITY", "a paper boat on a pond", "i1");
        SlackHttpFlowTest.Result first = SlackHttpFlowTest.awaitResult("C-PARITY",
                SlackHttpFlowTest.awaitPending("C-PARITY", 1));
        Map<String, Object> row = jdbc.queryForMap("SELECT aspect_ratio, prompt, original_prompt FROM generations WHERE id = ?",
                first.generationId());
        assertThat(row.get("aspect_ratio")).isEqualTo("16:9");
        assertThat(row.get("prompt")).isEqualTo("a paper boat on a pond");

        command("U900", "C-SHOW", "show " + first.generationId(), "sh1");
        SlackHttpFlowTest.Result shown = SlackHttpFlowTest.awaitResult("C-SHOW", SlackHttpFlowTest.awaitPending("C-SHOW", 1));
        assertThat(shown.generationId()).isEqualTo(first.generationId());
        assertThat(shown.finalUpdate().param("blocks")).contains("atelier:upscale.1:" + first.generationId())
                .contains("atelier:publish:" + first.generationId());

        command("U900", "C-PARITY", "show 00000000-0000-0000-0000-000000000000", "sh2");
        assertThat(reply("sh2").body()).contains("No generation");

        command("U900", "C-PARITY", "history", "h1");
        assertThat(reply("h1").body()).contains(first.generationId()).contains("atelier_show");
        command("U900", "C-PARITY", "help", "help1");
        assertThat(reply("help1").body()).contains("/imagine settings").contains("/imagine show");
    }

    @Test
    void theHomeTabsMenusChangeTheSettingsAndItsShowButtonPostsInTheDm() {
        int before = SLACK.calls("views.publish").size();
        assertThat(postSigned(SlackRequests.menuAction("U920", "D-HOME", "1.1", "atelier_settings.aspect_ratio", "3:2",
                trigger(), SLACK.responseUrl("home1")), SlackRequests.FORM).status()).isEqualTo(200);
        FakeSlack.Call published = SLACK.await(c -> c.method().equals("views.publish") && "U920".equals(c.param("user_id"))
                && SLACK.calls("views.publish").indexOf(c) >= before, WAIT);
        assertThat(published.param("view")).contains("atelier_settings.model").contains("Aspect ratio: 3:2");
        assertThat(jdbc.queryForObject("SELECT aspect_ratio FROM chat_user_settings WHERE user_id = 'U920'", String.class))
                .isEqualTo("3:2");

        command("U920", "C-HOME", "a kite over dunes", "k1");
        SlackHttpFlowTest.Result made = SlackHttpFlowTest.awaitResult("C-HOME", SlackHttpFlowTest.awaitPending("C-HOME", 1));
        assertThat(jdbc.queryForObject("SELECT aspect_ratio FROM generations WHERE id = ?", String.class, made.generationId()))
                .isEqualTo("3:2");
        assertThat(postSigned(SlackRequests.blockAction("U920", null, null, "atelier_show", made.generationId(), trigger(),
                SLACK.responseUrl("show-home")), SlackRequests.FORM).status()).isEqualTo(200);
        SlackHttpFlowTest.Result shown = SlackHttpFlowTest.awaitResult("U920", SlackHttpFlowTest.awaitPending("U920", 1));
        assertThat(shown.generationId()).isEqualTo(made.generationId());
    }

    @Test
    void theFormsEnhanceBoxUncheckedLeavesThePromptAsWrittenAndTakesNegativeAndSeed() {
        String channel = "C-ENHANCE";
        String metadata = "{\"channel\":\"" + channel + "\",\"responseUrl\":\"" + SLACK.responseUrl("e1") + "\"}";
        String submission = SlackRequests.viewSubmission("U910", "V-" + UUID.randomUUID(), metadata,
                Map.of("prompt", "a quiet harbour", "negative", "boats", "seed", "4242"), Map.of(), false, false);
        assertThat(postSigned(submission, SlackRequests.FORM).status()).isEqualTo(200);
        SlackHttpFlowTest.Result result = SlackHttpFlowTest.awaitResult(channel, SlackHttpFlowTest.awaitPending(channel, 1));
        Map<String, Object> row = jdbc.queryForMap("SELECT prompt, original_prompt, negative_prompt, seed FROM generations "
                + "WHERE id = ?", result.generationId());
        assertThat(row.get("prompt")).isEqualTo("a quiet harbour");
        assertThat(row.get("negative_prompt")).isEqualTo("boats");
        assertThat(((Number) row.get("seed")).longValue()).isEqualTo(4242L);

        // Checked: the enhanced prompt is used and the user's own words are shown with it.
        String checked = SlackRequests.viewSubmission("U910", "V-" + UUID.randomUUID(), metadata,
                Map.of("prompt", "a quiet harbour at night"), Map.of(), true, false);
        assertThat(postSigned(checked, SlackRequests.FORM).status()).isEqualTo(200);
        SlackHttpFlowTest.Result enhanced = SlackHttpFlowTest.awaitResult(channel, SlackHttpFlowTest.awaitPending(channel, 2));
        String prompt = jdbc.queryForObject("SELECT prompt FROM generations WHERE id = ?", String.class, enhanced.generationId());
        if (!prompt.equals("a quiet harbour at night")) {
            assertThat(enhanced.finalUpdate().param("blocks")).contains("Your prompt:").contains("a quiet harbour at night");
        }

        String bad = SlackRequests.viewSubmission("U910", "V-" + UUID.randomUUID(),
                "{\"channel\":\"" + channel + "\",\"responseUrl\":\"" + SLACK.responseUrl("e3") + "\"}",
                Map.of("prompt", "x", "seed", "seven"), Map.of(), false, false);
        assertThat(postSigned(bad, SlackRequests.FORM).status()).isEqualTo(200);
        assertThat(reply("e3").body()).contains("seed");
    }
}
