package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatActionIdTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";

    @Test
    void everyActionRoundTripsWithinDiscordsLimit() {
        for (ChatAction action : ChatAction.values()) {
            int index = action.takesIndex() ? 4 : 0;
            String id = ActionId.encode(action, index, GEN);
            assertThat(id.length()).isLessThanOrEqualTo(61);
            assertThat(ActionId.parse(id)).contains(new ActionId(action, index, GEN));
        }
        assertThat(ActionId.encode(ChatAction.VARIATIONS, GEN)).isEqualTo("atelier:variations:" + GEN);
        assertThat(ActionId.encode(ChatAction.UPSCALE, 3, GEN)).isEqualTo("atelier:upscale.3:" + GEN);
        assertThat(ActionId.parse("atelier:vary_strong.2:" + GEN)).contains(new ActionId(ChatAction.VARY_STRONG, 2, GEN));
    }

    @Test
    void imageNumbersAreOneDigitAndOnlyOnActionsThatTakeThem() {
        assertThat(ActionId.parse("atelier:upscale.0:" + GEN)).isEmpty();
        assertThat(ActionId.parse("atelier:upscale.10:" + GEN)).isEmpty();
        assertThat(ActionId.parse("atelier:upscale.x:" + GEN)).isEmpty();
        assertThat(ActionId.parse("atelier:reroll.2:" + GEN)).isEmpty();
        assertThat(ActionId.parse("atelier:upscale:" + GEN)).contains(new ActionId(ChatAction.UPSCALE, 0, GEN));
    }

    @Test
    void foreignOrMalformedIdsAreNotOurs() {
        assertThat(ActionId.parse(null)).isEmpty();
        assertThat(ActionId.parse("other:reroll:" + GEN)).isEmpty();
        assertThat(ActionId.parse("atelier:explode:" + GEN)).isEmpty();
        assertThat(ActionId.parse("atelier:reroll:not-a-uuid")).isEmpty();
        assertThat(ActionId.parse("atelier:reroll")).isEmpty();
        assertThat(ActionId.parse("atelier:reroll:" + GEN + "x".repeat(100))).isEmpty();
    }

    @Test
    void onlyPublishDeleteAndCancelAreOwnerOnly() {
        assertThat(ChatAction.DELETE.ownerOnly()).isTrue();
        assertThat(ChatAction.PUBLISH.ownerOnly()).isTrue();
        assertThat(ChatAction.CANCEL.ownerOnly()).isTrue();
        assertThat(ChatAction.UPSCALE.ownerOnly()).isFalse();
        assertThat(ChatAction.REMIX.ownerOnly()).isFalse();
        assertThat(ChatAction.REROLL.ownerOnly()).isFalse();
        assertThat(ChatAction.DETAILS.ownerOnly()).isFalse();
    }

    @Test
    void progressBarText() {
        assertThat(ProgressBar.text(0)).isEqualTo("▱▱▱▱▱▱▱▱▱▱ 0%");
        assertThat(ProgressBar.text(30)).isEqualTo("▰▰▰▱▱▱▱▱▱▱ 30%");
        assertThat(ProgressBar.text(100)).isEqualTo("▰▰▰▰▰▰▰▰▰▰ 100%");
        assertThat(ProgressBar.text(150)).isEqualTo("▰▰▰▰▰▰▰▰▰▰ 100%");
    }
}
