package io.atelier.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatActionRunner;
import io.atelier.bot.chat.ChatDeliveryRunner;
import io.atelier.bot.chat.ChatFixtures;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatJobs;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatRenderer;
import io.atelier.bot.chat.ChatSettings;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.ImagineOutcome;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * Every slash command acknowledges (defers) before any slow call, does its work on the bot's
 * executor (here: the calling thread, so the order is observable), and answers through the hook.
 */
class DiscordCommandsTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";

    ChatImagine imagine = mock(ChatImagine.class);
    DiscordMessages messages = new DiscordMessages(mock(GenerationService.class));
    ChatDeliveryRunner runner = mock(ChatDeliveryRunner.class);
    DiscordReplies replies = new DiscordReplies(messages, runner);
    ChatAccounts accounts = mock(ChatAccounts.class);
    TemplateService templates = mock(TemplateService.class);
    ModelCatalog models = mock(ModelCatalog.class);
    DiscordCatalog catalog = new DiscordCatalog(models, templates, accounts);
    DiscordWork work = new DiscordWork(Runnable::run);
    InteractionHook hook = DiscordMocks.hook();
    ReplyCallbackAction defer = DiscordMocks.acknowledged(hook);

    ImagineCommand imagineCommand = new ImagineCommand(imagine, replies, catalog, work,
            new DiscordJobActions(mock(ChatActionRunner.class), replies, work, null), null);

    @Test
    void imagineDefersFirstThenSubmitsWithTheInteractionAsDeliveryTarget() {
        ChatView.Pending pending = new ChatView.Pending(GEN, "a fox", null, "local/preview", 1, 0, null);
        when(imagine.submit(any(), any(), any())).thenReturn(new ImagineOutcome.Accepted(null,
                new Caller("t", "discord:42", false), pending, "d1"));
        SlashCommandInteractionEvent e = DiscordMocks.slash("imagine", "42", hook, defer,
                Map.of("prompt", "a fox --ar 16:9", "count", 2, "enhance", false, "seed", 7L));

        imagineCommand.onCommand(e);

        InOrder order = inOrder(e, defer, imagine, runner);
        order.verify(e).deferReply();
        order.verify(defer).submit();
        ArgumentCaptor<ImagineOptions> options = ArgumentCaptor.forClass(ImagineOptions.class);
        ArgumentCaptor<DeliveryTarget> target = ArgumentCaptor.forClass(DeliveryTarget.class);
        ArgumentCaptor<ChatUser> user = ArgumentCaptor.forClass(ChatUser.class);
        order.verify(imagine).submit(user.capture(), options.capture(), target.capture());
        // The pending view is shown by the message's delivery (its only writer), at once.
        order.verify(runner).run("d1");
        verify(hook, never()).editOriginal(any(MessageEditData.class));
        assertThat(options.getValue()).isEqualTo(new ImagineOptions("a fox --ar 16:9", null, null, false, 2, null, null, 7L, null));
        assertThat(user.getValue().principal()).isEqualTo("discord:42");
        assertThat(user.getValue().tenantId()).isEqualTo("g1");
        assertThat(user.getValue().platform()).isEqualTo(ChatPlatform.DISCORD);
        assertThat(target.getValue().channelId()).isEqualTo("c1");
        assertThat(target.getValue().data()).containsEntry("token", "tok-42").containsEntry("mode", "interaction")
                .containsEntry("interactionAt", String.valueOf(DiscordMocks.CREATED.toInstant().toEpochMilli()));
    }

    @Test
    void overQuotaTheUserAloneSeesWhenToTryAgain() {
        Instant tomorrow = Instant.parse("2026-01-02T00:00:00Z");
        when(imagine.submit(any(), any(), any())).thenReturn(new ImagineOutcome.Refused(new ChatView.Failure(
                ChatView.FailureKind.QUOTA, "QUOTA_USER_DAILY", "You have used your 50 images for today.", null, null,
                tomorrow, false)));

        imagineCommand.onCommand(DiscordMocks.slash("imagine", "42", hook, defer, Map.of("prompt", "a fox")));

        verify(hook).deleteOriginal();
        ArgumentCaptor<MessageCreateData> reply = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(hook).sendMessage(reply.capture());
        MessageEmbed embed = reply.getValue().getEmbeds().getFirst();
        assertThat(embed.getTitle()).isEqualTo("Over quota");
        assertThat(embed.getFields()).anySatisfy(f -> assertThat(f.getValue()).isEqualTo("<t:" + tomorrow.getEpochSecond() + ":R>"));
        assertThat(reply.getValue().getComponents()).isEmpty();
        verify(hook, never()).editOriginal(any(MessageEditData.class));
    }

    @Test
    void aBlockedPromptNamesTheMatchedRuleEphemerally() {
        when(imagine.submit(any(), any(), any())).thenReturn(new ImagineOutcome.Refused(new ChatView.Failure(
                ChatView.FailureKind.BLOCKED, "PROMPT_BLOCKED", "Your prompt was blocked: matches rule global#3", null,
                "global#3", null, false)));

        imagineCommand.onCommand(DiscordMocks.slash("imagine", "42", hook, defer, Map.of("prompt", "bad")));

        ArgumentCaptor<MessageCreateData> reply = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(hook).sendMessage(reply.capture());
        MessageEmbed embed = reply.getValue().getEmbeds().getFirst();
        assertThat(embed.getTitle()).isEqualTo("Prompt blocked");
        assertThat(embed.getFields()).anySatisfy(f -> {
            assertThat(f.getName()).isEqualTo("Rule");
            assertThat(f.getValue()).isEqualTo("global#3");
        });
    }

    @Test
    void whenDiscordRejectsTheAcknowledgementNothingIsSubmitted() {
        when(defer.submit()).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("10062 Unknown interaction")));

        imagineCommand.onCommand(DiscordMocks.slash("imagine", "42", hook, defer, Map.of("prompt", "a fox")));

        verify(imagine, never()).submit(any(), any(), any());
    }

    @Test
    void templatesModelsJobsSettingsAndQuotaDeferEphemerallyBeforeReading() {
        ChatJobs jobs = mock(ChatJobs.class);
        ChatSettingsStore settings = mock(ChatSettingsStore.class);
        ChatQuotas quotas = mock(ChatQuotas.class);
        when(accounts.findTeam(ChatPlatform.DISCORD, "g1")).thenReturn(Optional.of("team-1"));
        when(templates.list("team-1")).thenReturn(List.of());
        when(models.models()).thenReturn(List.of());
        when(jobs.recent(any(), anyInt())).thenReturn(List.of());
        when(settings.get(any())).thenReturn(ChatSettings.NONE);
        when(settings.update(any(), any())).thenReturn(new ChatSettings("local/preview", null, null, null));
        when(quotas.usage(any())).thenReturn(new ChatQuotas.Usage(new ChatQuotas.Limits(2, 50, 10, 1000), 1, 3, 2, 9,
                Instant.parse("2026-01-02T00:00:00Z")));

        List<Runnable> checks = List.of(
                () -> run(new TemplatesCommand(catalog, work), "templates", Map.of(), templates),
                () -> run(new ModelsCommand(catalog, work), "models", Map.of(), models),
                () -> run(new JobsCommand(jobs, work, null), "jobs", Map.of(), jobs),
                () -> run(new SettingsCommand(settings, catalog, work, null), "settings", Map.of("model", "local/preview"), settings),
                () -> run(new QuotaCommand(quotas, work, null), "quota", Map.of(), quotas));
        checks.forEach(Runnable::run);

        verify(settings).update(any(), eq(new ChatSettings("local/preview", null, null, null)));
    }

    private void run(DiscordCommand command, String name, Map<String, Object> options, Object service) {
        InteractionHook h = DiscordMocks.hook();
        ReplyCallbackAction d = DiscordMocks.acknowledged(h);
        SlashCommandInteractionEvent e = DiscordMocks.slash(name, "42", h, d, options);
        command.onCommand(e);
        InOrder order = inOrder(e, d, h);
        order.verify(e).deferReply(true);
        order.verify(d).submit();
        order.verify(h).editOriginalEmbeds(any(MessageEmbed[].class));
        assertThat(command.definition().getName()).isEqualTo(name);
        assertThat(mockingDetails(service).getInvocations()).isNotEmpty();
    }

    @Test
    void showBringsBackAGenerationOfThisServerAndTracksOneStillRunning() {
        GenerationService generations = mock(GenerationService.class);
        ChatRenderer renderer = mock(ChatRenderer.class);
        ChatDeliveries deliveries = mock(ChatDeliveries.class);
        Caller caller = new Caller("team-1", "discord:42", false);
        when(accounts.callerFor(any())).thenReturn(caller);
        Generation running = ChatFixtures.generation(GEN, "team-1", GenerationStatus.PROCESSING, 40, ChatFixtures.ALICE);
        when(generations.find(caller, GEN)).thenReturn(Optional.of(running));
        when(renderer.view(running)).thenReturn(new ChatView.Progress(GEN, "a fox", null, "local/preview", 40, "bar", null));
        ShowCommand show = new ShowCommand(accounts, generations, renderer, deliveries, replies, work, null);
        SlashCommandInteractionEvent e = DiscordMocks.slash("show", "42", hook, defer, Map.of("id", GEN));

        when(deliveries.track(any(), eq(running), any())).thenReturn("d9");

        show.onCommand(e);

        InOrder order = inOrder(e, generations, deliveries, runner);
        order.verify(e).deferReply();
        order.verify(generations).find(caller, GEN);
        order.verify(deliveries).track(any(), eq(running), any());
        order.verify(runner).run("d9");

        // Another server's (or a deleted) generation is not found.
        InteractionHook h2 = DiscordMocks.hook();
        show.onCommand(DiscordMocks.slash("show", "42", h2, DiscordMocks.acknowledged(h2), Map.of("id", "nope")));
        verify(h2).sendMessage(any(MessageCreateData.class));
        verify(h2, never()).editOriginal(any(MessageEditData.class));
    }

    @Test
    void theRegistryHasEveryCommandOnce() {
        DiscordCommands registry = new DiscordCommands(List.of(imagineCommand, new TemplatesCommand(catalog, work)));
        assertThat(registry.names()).containsExactly("imagine", "templates");
        assertThat(registry.find("imagine")).contains(imagineCommand);
        assertThat(imagineCommand.definition().getOptions()).extracting(o -> o.getName()).containsExactly(
                "prompt", "aspect_ratio", "template", "enhance", "count", "negative", "model", "seed", "public", "image",
                "reference1", "reference2", "reference3", "reference4");
    }
}
