package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.provider.AspectRatio;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatImagineOptionsTest {

    @Test
    void explicitOptionsBecomeTheRequestWithInlineParsingAndTheChatUserInMeta() {
        ImagineOptions options = new ImagineOptions("a fox --no text", "16:9", "ink", true, 4, "blur", "local/preview",
                7L, true);
        GenerationRequest r = options.toRequest(ChatFixtures.ALICE, ChatSettings.NONE, "chan-1");

        assertThat(r.source()).isEqualTo(GenerationSource.DISCORD);
        assertThat(r.prompt()).isEqualTo("a fox --no text");
        assertThat(r.parseInlineParameters()).isTrue();
        assertThat(r.aspectRatio()).isEqualTo(new AspectRatio(16, 9));
        assertThat(r.template()).isEqualTo("ink");
        assertThat(r.autoEnhance()).isTrue();
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.negativePrompt()).isEqualTo("blur");
        assertThat(r.model()).isEqualTo("local/preview");
        assertThat(r.seed()).isEqualTo(7L);
        assertThat(r.publicRequested()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> chat = (Map<String, Object>) r.meta().get("chat");
        assertThat(chat).containsEntry("platform", "discord").containsEntry("tenant", "guild-1")
                .containsEntry("user", "111").containsEntry("name", "alice").containsEntry("principal", "discord:111")
                .containsEntry("channel", "chan-1");
        assertThat(r.requestAsGiven()).containsEntry("aspect_ratio", "16:9").containsEntry("count", 4);
    }

    @Test
    void theUsersSettingsFillWhatIsNotGiven() {
        ChatSettings settings = new ChatSettings("local/preview", "3:2", "ink", false);
        GenerationRequest r = ImagineOptions.ofPrompt("a fox").toRequest(ChatFixtures.ALICE, settings, null);
        assertThat(r.model()).isEqualTo("local/preview");
        assertThat(r.aspectRatio()).isEqualTo(new AspectRatio(3, 2));
        assertThat(r.template()).isEqualTo("ink");
        assertThat(r.autoEnhance()).isFalse();
        assertThat(r.count()).isNull();

        GenerationRequest explicit = new ImagineOptions("a fox", "1:1", null, true, null, null, null, null, null)
                .toRequest(ChatFixtures.ALICE, settings, null);
        assertThat(explicit.aspectRatio()).isEqualTo(AspectRatio.SQUARE);
        assertThat(explicit.autoEnhance()).isTrue();
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> new ImagineOptions("a", null, null, null, 5, null, null, null, null)
                .toRequest(ChatFixtures.ALICE, ChatSettings.NONE, null))
                .isInstanceOf(GenerationValidationException.class)
                .satisfies(e -> assertThat(((GenerationValidationException) e).field()).isEqualTo("count"));
        assertThatThrownBy(() -> new ImagineOptions("a", "wide", null, null, null, null, null, null, null)
                .toRequest(ChatFixtures.ALICE, ChatSettings.NONE, null))
                .isInstanceOf(GenerationValidationException.class)
                .satisfies(e -> assertThat(((GenerationValidationException) e).field()).isEqualTo("aspect_ratio"));
    }

    @Test
    void slackPrincipalsIncludeTheWorkspace() {
        ChatUser u = new ChatUser(ChatPlatform.SLACK, "T1", "U1", "carol");
        assertThat(u.principal()).isEqualTo("slack:T1:U1");
        assertThat(ImagineOptions.ofPrompt("x").toRequest(u, ChatSettings.NONE, null).source())
                .isEqualTo(GenerationSource.SLACK);
    }
}
