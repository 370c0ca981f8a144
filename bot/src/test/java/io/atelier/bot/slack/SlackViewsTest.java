package io.atelier.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.view.ViewState;
import io.atelier.bot.chat.ImagineOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the /imagine modal back: "default" means not given, the checkboxes set enhance and public. */
class SlackViewsTest {

    private static ViewState.Value text(String value) {
        ViewState.Value v = new ViewState.Value();
        v.setType("plain_text_input");
        v.setValue(value);
        return v;
    }

    private static ViewState.Value select(String value) {
        ViewState.Value v = new ViewState.Value();
        v.setType("static_select");
        ViewState.SelectedOption o = new ViewState.SelectedOption();
        o.setValue(value);
        v.setSelectedOption(o);
        return v;
    }

    @Test
    void readsEveryFieldOfTheModal() {
        ViewState.Value checks = new ViewState.Value();
        ViewState.SelectedOption enhance = new ViewState.SelectedOption();
        enhance.setValue(SlackViews.ENHANCE);
        ViewState.SelectedOption publish = new ViewState.SelectedOption();
        publish.setValue(SlackViews.PUBLIC);
        checks.setSelectedOptions(List.of(enhance, publish));
        ViewState state = new ViewState();
        state.setValues(Map.of(
                SlackViews.Input.PROMPT.id(), Map.of(SlackViews.Input.PROMPT.id(), text("  a fox in snow ")),
                SlackViews.Input.TEMPLATE.id(), Map.of(SlackViews.Input.TEMPLATE.id(), select("default")),
                SlackViews.Input.ASPECT_RATIO.id(), Map.of(SlackViews.Input.ASPECT_RATIO.id(), select("16:9")),
                SlackViews.Input.MODEL.id(), Map.of(SlackViews.Input.MODEL.id(), select("local/preview")),
                SlackViews.Input.COUNT.id(), Map.of(SlackViews.Input.COUNT.id(), select("3")),
                SlackViews.Input.OPTIONS.id(), Map.of(SlackViews.Input.OPTIONS.id(), checks)));

        ImagineOptions options = SlackViews.readModal(state);

        assertThat(options.prompt()).isEqualTo("a fox in snow");
        assertThat(options.template()).isNull();
        assertThat(options.aspectRatio()).isEqualTo("16:9");
        assertThat(options.model()).isEqualTo("local/preview");
        assertThat(options.count()).isEqualTo(3);
        assertThat(options.enhance()).isTrue();
        assertThat(options.publicRequested()).isTrue();
    }

    @Test
    void anEmptyModalGivesAnEmptyPromptAndNoOptions() {
        ImagineOptions options = SlackViews.readModal(new ViewState());
        assertThat(options.prompt()).isEmpty();
        assertThat(options.count()).isNull();
        assertThat(options.enhance()).isNull();
        assertThat(options.publicRequested()).isFalse();
    }

    @Test
    void anUncheckedEnhanceBoxMeansNoEnhancementAndTheNegativePromptAndSeedAreRead() {
        ViewState.Value checks = new ViewState.Value();
        checks.setSelectedOptions(List.of());
        ViewState state = new ViewState();
        state.setValues(Map.of(
                SlackViews.Input.PROMPT.id(), Map.of(SlackViews.Input.PROMPT.id(), text("a fox")),
                SlackViews.Input.NEGATIVE.id(), Map.of(SlackViews.Input.NEGATIVE.id(), text("snow")),
                SlackViews.Input.SEED.id(), Map.of(SlackViews.Input.SEED.id(), text(" 42 ")),
                SlackViews.Input.OPTIONS.id(), Map.of(SlackViews.Input.OPTIONS.id(), checks)));

        ImagineOptions options = SlackViews.readModal(state);

        assertThat(options.enhance()).isFalse();
        assertThat(options.negative()).isEqualTo("snow");
        assertThat(options.seed()).isEqualTo(42L);
    }

    @Test
    void aSeedThatIsNotAWholeNumberIsRefusedNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlackViews.seed("seven"))
                .isInstanceOf(io.atelier.core.generation.GenerationValidationException.class)
                .hasMessageContaining("seed");
    }

    @Test
    void settingsCommandWordsAreReadAndUnknownFieldsNamed() {
        assertThat(SlackCommands.commandOf("settings ratio=16:9")).contains("settings");
        assertThat(SlackCommands.commandOf("show me a fox")).isEmpty();
        assertThat(SlackCommands.commandOf("settings of a medieval town")).isEmpty();
        assertThat(SlackCommands.commandOf("settings")).contains("settings");
        assertThat(SlackCommands.commandOf("settings reset")).contains("settings");
        assertThat(SlackCommands.commandOf("settings colour=red")).contains("settings");
        assertThat(SlackCommands.commandOf("admin building at dusk")).isEmpty();
        assertThat(SlackCommands.commandOf("admin moderation-channel <#C1|mods> user_daily=3")).contains("admin");
        assertThat(SlackCommands.commandOf("help")).contains("help");
        assertThat(SlackCommands.parse("ratio=16:9 enhance=off").aspectRatio()).isEqualTo("16:9");
        assertThat(SlackCommands.parse("ratio=16:9 enhance=off").enhance()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlackCommands.parse("colour=red"))
                .hasMessageContaining("colour");
    }

    @Test
    void adminWordsSetTheWorkspacesChannelAndQuotas() {
        io.atelier.bot.chat.ChatTenantSettings.Settings s = SlackCommands.parseAdmin("moderation-channel <#C0MODS|mods> user_daily=5");
        assertThat(s.moderationChannel()).isEqualTo("C0MODS");
        assertThat(s.userDaily()).isEqualTo(5);
        assertThat(SlackCommands.parseAdmin("workspace_concurrent=3").tenantConcurrent()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlackCommands.parseAdmin("moderation-channel general!"))
                .hasMessageContaining("#channel");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlackCommands.parseAdmin("user_daily=many"))
                .hasMessageContaining("user_daily");
    }
}
