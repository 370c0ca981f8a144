package io.atelier.bot.discord;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageCreateAction;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageEditAction;
import net.dv8tion.jda.api.requests.restaction.interactions.MessageEditCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** Mockito doubles of JDA's interaction events, hooks and actions. */
final class DiscordMocks {

    static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-01-01T12:00:00Z");

    private DiscordMocks() {
    }

    /** A hook whose actions all succeed. */
    @SuppressWarnings("unchecked")
    static InteractionHook hook() {
        InteractionHook hook = mock(InteractionHook.class);
        when(hook.editOriginal(any(MessageEditData.class))).thenReturn(mock(WebhookMessageEditAction.class, RETURNS_SELF));
        when(hook.editOriginalEmbeds(any(net.dv8tion.jda.api.entities.MessageEmbed[].class)))
                .thenReturn(mock(WebhookMessageEditAction.class, RETURNS_SELF));
        when(hook.sendMessage(any(MessageCreateData.class))).thenReturn(mock(WebhookMessageCreateAction.class, RETURNS_SELF));
        when(hook.deleteOriginal()).thenReturn(mock(RestAction.class));
        return hook;
    }

    static ReplyCallbackAction acknowledged(InteractionHook hook) {
        ReplyCallbackAction defer = mock(ReplyCallbackAction.class, RETURNS_SELF);
        when(defer.submit()).thenReturn(CompletableFuture.completedFuture(hook));
        return defer;
    }

    /** {@code /name} from user {@code userId} in guild {@code g1}, channel {@code c1}, with string/long/boolean options. */
    static SlashCommandInteractionEvent slash(String name, String userId, InteractionHook hook, ReplyCallbackAction defer,
                                              Map<String, Object> options) {
        SlashCommandInteractionEvent e = mock(SlashCommandInteractionEvent.class);
        when(e.getName()).thenReturn(name);
        when(e.deferReply()).thenReturn(defer);
        when(e.deferReply(anyBoolean())).thenReturn(defer);
        when(e.getHook()).thenReturn(hook);
        User user = user(userId);
        when(e.getUser()).thenReturn(user);
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn("g1");
        when(e.getGuild()).thenReturn(guild);
        when(e.getChannelId()).thenReturn("c1");
        when(e.getToken()).thenReturn("tok-" + userId);
        when(e.getTimeCreated()).thenReturn(CREATED);
        options.forEach((key, value) -> {
            OptionMapping o = mock(OptionMapping.class);
            when(o.getAsString()).thenReturn(String.valueOf(value));
            if (value instanceof Number n) {
                when(o.getAsInt()).thenReturn(n.intValue());
                when(o.getAsLong()).thenReturn(n.longValue());
            }
            if (value instanceof Boolean b) {
                when(o.getAsBoolean()).thenReturn(b);
            }
            when(e.getOption(key)).thenReturn(o);
        });
        return e;
    }

    static ButtonInteractionEvent button(String customId, String userId, InteractionHook hook, ReplyCallbackAction defer,
                                         MessageEditCallbackAction deferEdit) {
        ButtonInteractionEvent e = mock(ButtonInteractionEvent.class);
        when(e.getComponentId()).thenReturn(customId);
        when(e.deferReply()).thenReturn(defer);
        when(e.deferReply(anyBoolean())).thenReturn(defer);
        when(e.deferEdit()).thenReturn(deferEdit);
        when(e.getHook()).thenReturn(hook);
        User user = user(userId);
        when(e.getUser()).thenReturn(user);
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn("g1");
        when(e.getGuild()).thenReturn(guild);
        when(e.getChannelId()).thenReturn("c1");
        when(e.getToken()).thenReturn("tok-click-" + userId);
        when(e.getId()).thenReturn("9001");
        when(e.getTimeCreated()).thenReturn(CREATED);
        return e;
    }

    static MessageEditCallbackAction editAcknowledged(InteractionHook hook) {
        MessageEditCallbackAction defer = mock(MessageEditCallbackAction.class, RETURNS_SELF);
        when(defer.submit()).thenReturn(CompletableFuture.completedFuture(hook));
        return defer;
    }

    static User user(String id) {
        User user = mock(User.class);
        when(user.getId()).thenReturn(id);
        when(user.getEffectiveName()).thenReturn("user" + id);
        return user;
    }
}
