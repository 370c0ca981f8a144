package io.atelier.bot.discord;

import io.atelier.core.generation.GenerationService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ActionOutcome;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActionRunner;
import io.atelier.bot.chat.ChatDeliveryRunner;
import io.atelier.bot.chat.ChatFixtures;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.RemixForm;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationStatus;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.restaction.interactions.MessageEditCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ModalCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The job buttons on Discord: each click acknowledged the way its answer needs (a new public reply,
 * an ephemeral one, an edit, a form), then run by the chat action layer and its outcome rendered.
 * The action layer itself is mocked here; the end-to-end tests drive it for real.
 */
class DiscordJobActionsTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";
    static final String NEXT = "8f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";

    ChatActionRunner runner = mock(ChatActionRunner.class);
    ChatDeliveryRunner deliveries = mock(ChatDeliveryRunner.class);
    DiscordReplies replies = new DiscordReplies(new DiscordMessages(mock(GenerationService.class)), deliveries);
    DiscordJobActions jobs = new DiscordJobActions(runner, replies, new DiscordWork(Runnable::run), "mods");
    InteractionHook hook = DiscordMocks.hook();
    ReplyCallbackAction defer = DiscordMocks.acknowledged(hook);
    MessageEditCallbackAction deferEdit = DiscordMocks.editAcknowledged(hook);
    Generation generation = ChatFixtures.generation(GEN, "team-1", GenerationStatus.SUCCEEDED, 100, ChatFixtures.ALICE);

    ButtonInteractionEvent click(ChatAction action, int index, String userId) {
        return DiscordMocks.button(ActionId.encode(action, index, GEN), userId, hook, defer, deferEdit);
    }

    @Test
    void upscaleAcknowledgesWithANewReplyThatItsDeliveryFills() {
        ButtonInteractionEvent e = click(ChatAction.UPSCALE, 3, "77");
        ActionId id = new ActionId(ChatAction.UPSCALE, 3, GEN);
        when(runner.run(any(), eq(id), any())).thenReturn(new ActionOutcome.Posted(generation, "d2", true));

        jobs.onButton(e, id);

        InOrder order = inOrder(e, defer, runner, deliveries);
        order.verify(e).deferReply();
        order.verify(defer).submit();
        ArgumentCaptor<ChatUser> user = ArgumentCaptor.forClass(ChatUser.class);
        ArgumentCaptor<DeliveryTarget> target = ArgumentCaptor.forClass(DeliveryTarget.class);
        order.verify(runner).run(user.capture(), eq(id), target.capture());
        order.verify(deliveries).run("d2");
        assertThat(user.getValue().userId()).isEqualTo("77");
        assertThat(target.getValue().get("token")).isEqualTo("tok-click-77");
        assertThat(target.getValue().channelId()).isEqualTo("c1");
    }

    @Test
    void aRefusalRemovesThePublicReplyAndTellsTheClickerAlone() {
        ButtonInteractionEvent e = click(ChatAction.UPSCALE, 1, "77");
        when(runner.run(any(), any(), any())).thenReturn(new ActionOutcome.Refused(new ChatView.Failure(
                ChatView.FailureKind.INVALID, "NO_IMAGE", "Only a finished image can be upscaled; this generation ended failed.",
                GEN, null, null, false)));

        jobs.onButton(e, new ActionId(ChatAction.UPSCALE, 1, GEN));

        verify(hook).deleteOriginal();
        ArgumentCaptor<MessageCreateData> sent = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(hook).sendMessage(sent.capture());
        assertThat(sent.getValue().getEmbeds().getFirst().getDescription()).contains("Only a finished image can be upscaled");
        verify(deliveries, never()).run(anyString());
    }

    @Test
    void cancelIsAnsweredPrivatelyWithTheRefund() {
        ButtonInteractionEvent e = click(ChatAction.CANCEL, 0, "111");
        when(runner.run(any(), any(), isNull())).thenReturn(new ActionOutcome.Canceled(generation, 4));

        jobs.onButton(e, new ActionId(ChatAction.CANCEL, GEN));

        verify(e).deferReply(true);
        ArgumentCaptor<MessageEmbed> shown = ArgumentCaptor.forClass(MessageEmbed.class);
        verify(hook).editOriginalEmbeds(shown.capture());
        assertThat(shown.getValue().getTitle()).isEqualTo("Canceled");
        assertThat(shown.getValue().getDescription()).contains("4 credits were refunded");
    }

    @Test
    void deleteEditsTheMessageAndARefusedDeleteDoesNot() {
        ButtonInteractionEvent e = click(ChatAction.DELETE, 0, "111");
        when(runner.run(any(), any(), isNull())).thenReturn(new ActionOutcome.Deleted(generation));

        jobs.onButton(e, new ActionId(ChatAction.DELETE, GEN));

        verify(e).deferEdit();
        ArgumentCaptor<MessageEditData> edit = ArgumentCaptor.forClass(MessageEditData.class);
        verify(hook).editOriginal(edit.capture());
        assertThat(edit.getValue().getContent()).startsWith("Deleted by");
        assertThat(edit.getValue().getComponents()).isEmpty();

        InteractionHook other = DiscordMocks.hook();
        ButtonInteractionEvent stranger = DiscordMocks.button(ActionId.encode(ChatAction.DELETE, GEN), "77", other,
                DiscordMocks.acknowledged(other), DiscordMocks.editAcknowledged(other));
        when(runner.run(any(), any(), isNull())).thenReturn(new ActionOutcome.Refused(new ChatView.Failure(
                ChatView.FailureKind.INVALID, "FORBIDDEN", "Only the person who created this image or a moderator can delete it.",
                GEN, null, null, false)));
        jobs.onButton(stranger, new ActionId(ChatAction.DELETE, GEN));
        verify(other, never()).editOriginal(any(MessageEditData.class));
        ArgumentCaptor<MessageCreateData> said = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(other).sendMessage(said.capture());
        assertThat(said.getValue().getContent()).contains("Only the person who created this image");
    }

    @Test
    void detailsAreEphemeralWithTheFullPromptAndParameters() {
        ButtonInteractionEvent e = click(ChatAction.DETAILS, 0, "77");
        when(runner.run(any(), any(), isNull())).thenReturn(new ActionOutcome.Details(generation));

        jobs.onButton(e, new ActionId(ChatAction.DETAILS, GEN));

        ArgumentCaptor<MessageEmbed> embed = ArgumentCaptor.forClass(MessageEmbed.class);
        verify(hook).editOriginalEmbeds(embed.capture());
        assertThat(embed.getValue().getDescription()).isEqualTo("a fox, ink wash");
        assertThat(embed.getValue().getFields()).extracting(MessageEmbed.Field::getName)
                .contains("Your prompt", "Model", "Seed", "Provenance (content hashes)");
    }

    @Test
    void remixOpensItsFormAtOncePrefilledFromTheMessageWithoutAskingTheActionLayer() {
        ButtonInteractionEvent e = click(ChatAction.REMIX, 0, "77");
        Message message = mock(Message.class);
        when(message.getEmbeds()).thenReturn(List.of(new EmbedBuilder().setDescription("a fox, ink wash, detailed")
                .addField(DiscordMessages.YOUR_PROMPT, "a fox", false)
                .addField(DiscordMessages.NEGATIVE, "blurry", false)
                .addField(DiscordMessages.MODEL, "local/preview", true)
                .addField(DiscordMessages.RATIO, "16:9", true).build()));
        when(e.getMessage()).thenReturn(message);
        when(e.replyModal(any())).thenReturn(mock(ModalCallbackAction.class));

        jobs.onButton(e, new ActionId(ChatAction.REMIX, GEN));

        ArgumentCaptor<Modal> modal = ArgumentCaptor.forClass(Modal.class);
        verify(e).replyModal(modal.capture());
        verify(e, never()).deferReply();
        verifyNoInteractions(runner);
        assertThat(modal.getValue().getId()).isEqualTo(ActionId.encode(ChatAction.REMIX, GEN));
        assertThat(modal.getValue().getComponents()).extracting(c -> c.asLabel().getChild().asTextInput().getValue())
                .containsExactly("a fox", "blurry", "16:9", "local/preview", null);
    }

    @Test
    void aSubmittedRemixRunsWithTheFormsValues() {
        ModalInteractionEvent e = mock(ModalInteractionEvent.class);
        when(e.getModalId()).thenReturn(ActionId.encode(ChatAction.REMIX, GEN));
        when(e.deferReply()).thenReturn(defer);
        when(e.getHook()).thenReturn(hook);
        User user = DiscordMocks.user("77");
        when(e.getUser()).thenReturn(user);
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn("g1");
        when(e.getGuild()).thenReturn(guild);
        when(e.getChannelId()).thenReturn("c1");
        when(e.getToken()).thenReturn("tok-remix");
        when(e.getTimeCreated()).thenReturn(DiscordMocks.CREATED);
        value(e, DiscordJobActions.PROMPT, "a fox in the rain");
        value(e, DiscordJobActions.RATIO, "9:16");
        value(e, DiscordJobActions.SEED, "");
        when(runner.remix(any(), any(), any(), any())).thenReturn(new ActionOutcome.Posted(
                ChatFixtures.generation(NEXT, "team-1", GenerationStatus.QUEUED, 0, ChatFixtures.ALICE), "d3", true));

        jobs.onRemix(e, new ActionId(ChatAction.REMIX, GEN));

        ArgumentCaptor<RemixForm> form = ArgumentCaptor.forClass(RemixForm.class);
        ArgumentCaptor<DeliveryTarget> target = ArgumentCaptor.forClass(DeliveryTarget.class);
        verify(runner).remix(any(), eq(new ActionId(ChatAction.REMIX, GEN)), form.capture(), target.capture());
        assertThat(form.getValue()).isEqualTo(new RemixForm(GEN, "a fox in the rain", null, "9:16", null, ""));
        assertThat(target.getValue().get("token")).isEqualTo("tok-remix");
        verify(deliveries).run("d3");
    }

    @Test
    void everyJobActionHasOneOwnerAndTheModerationButtonsStayWithPublishing() {
        ImagineCommand imagine = new ImagineCommand(null, replies, null, null, jobs, null);
        DescribeCommand describe = new DescribeCommand(null, replies, null, jobs, null);
        DiscordButtons publishing = new DiscordButtons(null, null, replies, null, null, null);

        DiscordCommands registry = new DiscordCommands(List.of(imagine, describe), List.of(publishing));

        assertThat(registry.owner(ChatAction.UPSCALE)).containsSame(imagine);
        assertThat(registry.owner(ChatAction.CANCEL)).containsSame(imagine);
        assertThat(registry.owner(ChatAction.IMAGINE_PROMPT)).containsSame(describe);
        assertThat(registry.owner(ChatAction.REJECT)).containsSame(publishing);
        for (ChatAction action : ChatAction.values()) {
            assertThat(registry.owner(action)).as(action.wireName()).isPresent();
        }
        assertThatThrownBy(() -> new DiscordCommands(List.of(imagine), List.of(imagine, new DiscordButtons(null, null, replies,
                null, null, null), publishing))).hasMessageContaining("two Discord handlers own");
    }

    private static void value(ModalInteractionEvent e, String id, String text) {
        ModalMapping m = mock(ModalMapping.class);
        when(m.getAsString()).thenReturn(text);
        when(e.getValue(id)).thenReturn(m);
    }
}
