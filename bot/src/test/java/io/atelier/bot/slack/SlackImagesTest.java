package io.atelier.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Files shared with a Slack command as links: their ids, and the text without them. */
class SlackImagesTest {

    @Test
    void fileLinksBecomeFileIdsAndLeaveThePrompt() {
        SlackImages.Shared shared = SlackImages.sharedIn("a fox at night <https://acme.slack.com/files/U012AB/F07ABCD12/fox.png>"
                + " in the style of <https://acme.slack.com/files/U012AB/F07ZZZZ99/style.jpg|style.jpg> --ar 16:9");

        assertThat(shared.fileIds()).containsExactly("F07ABCD12", "F07ZZZZ99");
        assertThat(shared.text()).isEqualTo("a fox at night in the style of --ar 16:9");
    }

    @Test
    void otherLinksAndPlainTextAreLeftAlone() {
        SlackImages.Shared shared = SlackImages.sharedIn("see <https://example.com/files/x> for a lighthouse");

        assertThat(shared.fileIds()).isEmpty();
        assertThat(shared.text()).isEqualTo("see <https://example.com/files/x> for a lighthouse");
        assertThat(SlackImages.sharedIn(null).text()).isEmpty();
    }
}
