package io.atelier.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ChatAssistant;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatUser;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Mentions;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.unions.MessageChannelUnion;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DiscordMentionsTest {

    private final ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("test-discord-", 0).factory());
    private final ConcurrentLinkedQueue<Runnable> submitted = new ConcurrentLinkedQueue<>();
    private final Executor executor = task -> {
        submitted.add(task);
        pool.execute(task);
    };
    private final ChatAssistant assistant = mock(ChatAssistant.class);
    private final MessageChannelUnion channel = mock(MessageChannelUnion.class);
    private final MessageCreateAction send = mock(MessageCreateAction.class, RETURNS_SELF);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMentionIsAnsweredOnTheBotsExecutorAsAReplyWithTheTypingIndicator() {
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        when(assistant.answer(any(), anyString(), anyString())).thenAnswer(inv -> {
            answeredOn.set(Thread.currentThread());
            return "Here is your lighthouse.";
        });
        RestAction<Void> typing = mock(RestAction.class);
        when(channel.sendTyping()).thenReturn(typing);
        when(channel.getId()).thenReturn("c1");
        when(channel.sendMessage(anyString())).thenReturn(send);

        new DiscordMentions(assistant, executor).onMessage(event(true, false, "<@999> draw a lighthouse"));

        verify(send, timeout(5000)).complete();
        ArgumentCaptor<ChatUser> user = ArgumentCaptor.forClass(ChatUser.class);
        verify(assistant).answer(user.capture(), eq("c1"), eq("<@999> draw a lighthouse"));
        assertThat(user.getValue().platform()).isEqualTo(ChatPlatform.DISCORD);
        assertThat(user.getValue().tenantId()).isEqualTo("g1");
        assertThat(user.getValue().principal()).isEqualTo("discord:u1");
        assertThat(answeredOn.get()).isNotNull().isNotEqualTo(Thread.currentThread());
        assertThat(answeredOn.get().getName()).startsWith("test-discord-");
        assertThat(submitted).isNotEmpty();
        verify(channel).sendMessage("Here is your lighthouse.");
        verify(send).setMessageReference("m1");
        verify(typing).queue(any(), any());
    }

    @Test
    void messagesWithoutAMentionOrFromBotsAreIgnored() {
        new DiscordMentions(assistant, executor).onMessage(event(false, false, "hello everyone"));
        new DiscordMentions(assistant, executor).onMessage(event(true, true, "<@999> hi"));
        assertThat(submitted).isEmpty();
        verify(assistant, never()).answer(any(), anyString(), anyString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAnLlmTheOffNoticeIsPosted() {
        when(assistant.answer(any(), anyString(), anyString())).thenReturn(ChatAssistant.OFF);
        when(channel.sendTyping()).thenReturn(mock(RestAction.class));
        when(channel.getId()).thenReturn("c1");
        when(channel.sendMessage(anyString())).thenReturn(send);

        new DiscordMentions(assistant, executor).onMessage(event(true, false, "<@999> hi"));

        verify(send, timeout(5000)).complete();
        verify(channel).sendMessage(ChatAssistant.OFF);
    }

    @Test
    void longAnswersAreSplitIntoDiscordSizedMessagesAndCut() {
        String paragraph = "word ".repeat(300);
        List<String> parts = DiscordMentions.split(paragraph.repeat(2));
        assertThat(parts).hasSize(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(DiscordMentions.MAX_LENGTH));
        List<String> many = DiscordMentions.split("x".repeat(DiscordMentions.MAX_LENGTH * 6));
        assertThat(many).hasSize(DiscordMentions.MAX_PARTS);
        assertThat(many.getLast()).endsWith("…").hasSizeLessThanOrEqualTo(DiscordMentions.MAX_LENGTH);
    }

    private MessageReceivedEvent event(boolean mentionsBot, boolean fromBot, String text) {
        MessageReceivedEvent e = mock(MessageReceivedEvent.class);
        JDA jda = mock(JDA.class);
        SelfUser self = mock(SelfUser.class);
        when(jda.getSelfUser()).thenReturn(self);
        when(e.getJDA()).thenReturn(jda);
        User author = mock(User.class);
        when(author.getId()).thenReturn("u1");
        when(author.getEffectiveName()).thenReturn("Ada");
        when(author.isBot()).thenReturn(fromBot);
        when(e.getAuthor()).thenReturn(author);
        Message message = mock(Message.class);
        Mentions mentions = mock(Mentions.class);
        when(mentions.isMentioned(self, Message.MentionType.USER)).thenReturn(mentionsBot);
        when(message.getMentions()).thenReturn(mentions);
        when(message.getContentRaw()).thenReturn(text);
        when(message.getId()).thenReturn("m1");
        when(e.getMessage()).thenReturn(message);
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn("g1");
        when(e.isFromGuild()).thenReturn(true);
        when(e.getGuild()).thenReturn(guild);
        when(e.getChannel()).thenReturn(channel);
        return e;
    }
}
