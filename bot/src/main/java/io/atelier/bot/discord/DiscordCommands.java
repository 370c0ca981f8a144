package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatAction;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * The explicit registry of slash commands and of who owns which buttons: what is registered with
 * Discord and who handles what. Each {@link ChatAction} has at most one owner.
 */
class DiscordCommands {

    private final Map<String, DiscordCommand> byName = new LinkedHashMap<>();
    private final Map<ChatAction, DiscordComponentOwner> owners = new EnumMap<>(ChatAction.class);

    /**
     * @param commands the slash commands (those that also own buttons are registered as their owners)
     * @param others   owners of buttons that belong to no command (the moderation buttons)
     */
    DiscordCommands(List<DiscordCommand> commands, List<DiscordComponentOwner> others) {
        for (DiscordCommand c : commands) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two Discord commands are named " + c.name());
            }
            if (c instanceof DiscordComponentOwner owner) {
                own(owner);
            }
        }
        others.forEach(this::own);
    }

    DiscordCommands(List<DiscordCommand> commands) {
        this(commands, List.of());
    }

    private void own(DiscordComponentOwner owner) {
        for (ChatAction action : owner.actions()) {
            DiscordComponentOwner before = owners.put(action, owner);
            if (before != null && before != owner) {
                throw new IllegalArgumentException("two Discord handlers own the " + action.wireName() + " buttons");
            }
        }
    }

    Optional<DiscordCommand> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Who answers buttons and forms of this action. */
    Optional<DiscordComponentOwner> owner(ChatAction action) {
        return Optional.ofNullable(owners.get(action));
    }

    List<SlashCommandData> definitions() {
        return byName.values().stream().map(DiscordCommand::definition).toList();
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
