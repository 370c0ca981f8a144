package io.atelier.bot.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** The explicit registry of slash commands: what is registered with Discord and who handles what. */
class DiscordCommands {

    private final Map<String, DiscordCommand> byName = new LinkedHashMap<>();

    DiscordCommands(List<DiscordCommand> commands) {
        for (DiscordCommand c : commands) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two Discord commands are named " + c.name());
            }
        }
    }

    Optional<DiscordCommand> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<SlashCommandData> definitions() {
        return byName.values().stream().map(DiscordCommand::definition).toList();
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
