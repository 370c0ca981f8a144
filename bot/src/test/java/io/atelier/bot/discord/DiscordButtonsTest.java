package io.atelier.bot.discord;

import io.atelier.core.generation.GenerationService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatDeliveryRunner;
import io.atelier.bot.chat.ChatFixtures;
import io.atelier.core.account.Caller;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.ActorRole;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationStatus;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The publishing buttons (Publish, Approve, Reject and its form): acknowledged at once, checked against
 * the database (owner, moderator), then acted on. The job buttons are {@link DiscordJobActionsTest}'s.
 */
class DiscordButtonsTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";

    ChatActions actions = mock(ChatActions.class);
    GalleryService gallery = mock(GalleryService.class);
    GenerationService images = mock(GenerationService.class);
    ChatDeliveryRunner runner = mock(ChatDeliveryRunner.class);
    DiscordReplies replies = new DiscordReplies(new DiscordMessages(images), runner);
    DiscordRest rest = mock(DiscordRest.class);
    DiscordWork work = new DiscordWork(Runnable::run);
    DiscordButtons buttons = new DiscordButtons(actions, gallery, replies, rest, work,
            new DiscordProperties("token", null, null, null, "mods", "mod-channel", null, null, null, null));
    InteractionHook hook = DiscordMocks.hook();
    ReplyCallbackAction defer = DiscordMocks.acknowledged(hook);
    MessageEditCallbackAction deferEdit = DiscordMocks.editAcknowledged(hook);
    Caller caller = new Caller("team-1", "discord:42", false);
    Generation generation = ChatFixtures.generation(GEN, "team-1", GenerationStatus.SUCCEEDED, 100, ChatFixtures.ALICE);

    @BeforeEach
    void images() throws Exception {
        when(images.readImage(any())).thenAnswer(i -> Optional.of(new byte[] {1, 2, 3}));
    }

    ButtonInteractionEvent click(ChatAction action, String userId) {
        return DiscordMocks.button(ActionId.encode(action, GEN), userId, hook, defer, deferEdit);
    }

    void press(ButtonInteractionEvent e) {
        buttons.onButton(e, ActionId.parse(e.getComponentId()).orElseThrow());
    }

    void submit(ModalInteractionEvent e) {
        buttons.onModal(e, ActionId.parse(e.getModalId()).orElseThrow());
    }

    void moderator(ButtonInteractionEvent e) {
        Member member = mock(Member.class);
        when(member.getEffectiveName()).thenReturn("mod");
        when(member.getRoles()).thenReturn(List.of());
        when(member.hasPermission(Permission.MESSAGE_MANAGE)).thenReturn(true);
        when(e.getMember()).thenReturn(member);
    }

    @Test
    void publishEntersReviewAndLeavesThePostToTheModerationJob() {
        ButtonInteractionEvent e = click(ChatAction.PUBLISH, "111");
        when(actions.authorize(any(), any())).thenAnswer(i -> new ChatActions.Authorized(i.getArgument(0), caller,
                generation, ChatAction.PUBLISH, true));
        when(gallery.publish(eq(caller), eq(GEN), any())).thenReturn(entry(GalleryStatus.PENDING_REVIEW));

        press(e);

        ArgumentCaptor<Actor> actor = ArgumentCaptor.forClass(Actor.class);
        verify(gallery).publish(eq(caller), eq(GEN), actor.capture());
        assertThat(actor.getValue()).isEqualTo(new Actor("discord:111", "user111", ActorRole.OWNER));
        // The request reaches the moderation channel through the durable chat-moderation job, like every publish.
        verify(rest, never()).sendToChannel(eq("mod-channel"), any(MessageCreateData.class));
    }

    @Test
    void approveNeedsAModerator() {
        ButtonInteractionEvent e = click(ChatAction.APPROVE, "77");

        press(e);

        verify(e).deferEdit();
        verify(hook).sendMessage(any(MessageCreateData.class));
        verifyNoInteractions(gallery);
    }

    @Test
    void aModeratorsDecisionGoesThroughTheGallery() {
        ButtonInteractionEvent approve = click(ChatAction.APPROVE, "99");
        moderator(approve);
        when(gallery.approve(eq(GEN), any(), any())).thenReturn(entry(GalleryStatus.APPROVED));

        press(approve);

        verify(gallery).approve(GEN, new Actor("discord:99", "mod", ActorRole.MODERATOR), "discord:9001");
        verify(hook).editOriginal(any(MessageEditData.class));
    }

    @Test
    void rejectOpensTheReasonFormForModeratorsOnly() {
        when(gallery.rejectReasons()).thenReturn(List.of("nsfw", "other"));
        ButtonInteractionEvent stranger = click(ChatAction.REJECT, "77");
        ReplyCallbackAction refusal = DiscordMocks.acknowledged(hook);
        when(stranger.reply(anyString())).thenReturn(refusal);

        press(stranger);

        verify(stranger).reply(DiscordButtons.NOT_A_MODERATOR);
        verify(refusal).setEphemeral(true);
        verify(stranger, never()).replyModal(any());
        verifyNoInteractions(gallery);

        ButtonInteractionEvent reject = click(ChatAction.REJECT, "99");
        moderator(reject);
        when(reject.replyModal(any())).thenReturn(mock(ModalCallbackAction.class));
        ArgumentCaptor<Modal> shown = ArgumentCaptor.forClass(Modal.class);

        press(reject);

        // The form is the click's first and only answer: no defer before it, no decision yet.
        verify(reject).replyModal(shown.capture());
        verify(reject, never()).deferEdit();
        verify(gallery, never()).reject(any(), any(), any(), any(), any());
        Modal modal = shown.getValue();
        assertThat(modal.getId()).isEqualTo(ActionId.encode(ChatAction.REJECT, GEN));
        assertThat(modal.getComponents()).hasSize(2);
        Label category = modal.getComponents().get(0).asLabel();
        assertThat(category.getChild().asStringSelectMenu().getOptions()).extracting(o -> o.getValue())
                .containsExactly("nsfw", "other");
        assertThat(category.getChild().asStringSelectMenu().isRequired()).isTrue();
        Label reason = modal.getComponents().get(1).asLabel();
        assertThat(reason.getLabel()).isEqualTo("Reason");
        TextInput text = reason.getChild().asTextInput();
        assertThat(text.getCustomId()).isEqualTo(DiscordButtons.REJECT_REASON);
        assertThat(text.getStyle()).isEqualTo(TextInputStyle.SHORT);
        assertThat(text.isRequired()).isTrue();
    }

    @Test
    void withoutStandardReasonsTheFormAsksOnlyForTheText() {
        Modal modal = DiscordButtons.rejectModal(GEN, List.of());
        assertThat(modal.getComponents()).singleElement()
                .satisfies(c -> assertThat(c.asLabel().getChild().asTextInput().isRequired()).isTrue());
    }

    ModalInteractionEvent rejectSubmit(String modalId, String userId, String category, String text) {
        ModalInteractionEvent e = mock(ModalInteractionEvent.class);
        when(e.getModalId()).thenReturn(modalId);
        when(e.deferEdit()).thenReturn(deferEdit);
        when(e.getHook()).thenReturn(hook);
        ReplyCallbackAction reply = DiscordMocks.acknowledged(hook);
        when(e.reply(anyString())).thenReturn(reply);
        User user = DiscordMocks.user(userId);
        when(e.getUser()).thenReturn(user);
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn("g1");
        when(e.getGuild()).thenReturn(guild);
        when(e.getId()).thenReturn("9002");
        if (text != null) {
            ModalMapping m = mock(ModalMapping.class);
            when(m.getAsString()).thenReturn(text);
            when(e.getValue(DiscordButtons.REJECT_REASON)).thenReturn(m);
        }
        if (category != null) {
            ModalMapping m = mock(ModalMapping.class);
            when(m.getAsStringList()).thenReturn(List.of(category));
            when(e.getValue(DiscordButtons.REJECT_CATEGORY)).thenReturn(m);
        }
        return e;
    }

    void moderator(ModalInteractionEvent e) {
        Member member = mock(Member.class);
        when(member.getEffectiveName()).thenReturn("mod");
        when(member.getRoles()).thenReturn(List.of());
        when(member.hasPermission(Permission.MESSAGE_MANAGE)).thenReturn(true);
        when(e.getMember()).thenReturn(member);
    }

    @Test
    void aNonModeratorsRejectSubmitIsRefused() {
        ModalInteractionEvent e = rejectSubmit(ActionId.encode(ChatAction.REJECT, GEN), "77", "nsfw", "looks bad");

        submit(e);

        verify(e).reply(DiscordButtons.NOT_A_MODERATOR);
        verify(e, never()).deferEdit();
        verifyNoInteractions(gallery);
    }

    @Test
    void aModeratorsRejectReasonReachesTheGallery() {
        ModalInteractionEvent e = rejectSubmit(ActionId.encode(ChatAction.REJECT, GEN), "99", "nsfw", "  shows a real person @everyone ");
        moderator(e);
        when(gallery.reject(eq(GEN), any(), any(), any(), any())).thenReturn(entry(GalleryStatus.REJECTED));

        submit(e);

        InOrder order = inOrder(deferEdit, gallery, hook);
        order.verify(deferEdit).submit();
        order.verify(gallery).reject(GEN, new Actor("discord:99", "mod", ActorRole.MODERATOR), "nsfw",
                "shows a real person @everyone", "discord:9002");
        ArgumentCaptor<MessageEditData> edit = ArgumentCaptor.forClass(MessageEditData.class);
        order.verify(hook).editOriginal(edit.capture());
        assertThat(edit.getValue().getContent()).isEqualTo("Rejected by mod (nsfw): shows a real person @everyone");
        assertThat(edit.getValue().getComponents()).isEmpty();
        assertThat(edit.getValue().getAllowedMentions()).isEmpty();
    }

    @Test
    void aGalleryRefusalOfTheRejectIsShownToTheModerator() {
        ModalInteractionEvent e = rejectSubmit(ActionId.encode(ChatAction.REJECT, GEN), "99", "made-up", "because");
        moderator(e);
        when(gallery.reject(eq(GEN), any(), any(), any(), any()))
                .thenThrow(new GalleryException(GalleryException.Kind.INVALID, "VALIDATION_ERROR", "reason",
                        "reason must be one of [nsfw, other], not \"made-up\""));

        submit(e);

        verify(deferEdit).submit();
        ArgumentCaptor<MessageCreateData> sent = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(hook).sendMessage(sent.capture());
        assertThat(sent.getValue().getContent()).contains("reason must be one of");
        verify(hook, never()).editOriginal(any(MessageEditData.class));
    }

    @Test
    void aForeignOrEmptyFormIsRefusedWithoutWork() {
        ModalInteractionEvent approveId = rejectSubmit(ActionId.encode(ChatAction.APPROVE, GEN), "99", "nsfw", "x");
        moderator(approveId);
        submit(approveId);
        verify(approveId).reply("This form is not one of mine.");

        ModalInteractionEvent blank = rejectSubmit(ActionId.encode(ChatAction.REJECT, GEN), "99", "nsfw", "   ");
        moderator(blank);
        submit(blank);
        verify(blank).reply("Say why you reject it: the reason is required.");

        verify(deferEdit, never()).submit();
        verifyNoInteractions(gallery);
    }

    static GalleryEntry entry(GalleryStatus status) {
        return new GalleryEntry(GEN, "team-1", status, "alice", "img", null, null, null, null, 0, 0, 0, "a fox",
                "local/preview", 64, 64, null, null, null, null);
    }
}
