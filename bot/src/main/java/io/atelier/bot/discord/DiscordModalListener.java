package io.atelier.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;

/**
 * {@link DiscordListener} plus the route for modal submits (the reject form of the moderation
 * channel, {@link DiscordButtons#onModal}). Kept apart only so the listener's acknowledgement code
 * is not edited while it is being tuned; the override belongs in {@link DiscordListener} and can be
 * moved there as is. Runs on JDA's event thread: {@code onModal} returns after queueing its answer.
 */
class DiscordModalListener extends DiscordListener {

    private final DiscordButtons buttons;

    DiscordModalListener(DiscordCommands commands, DiscordButtons buttons, DiscordMentions mentions, List<String> guilds) {
        super(commands, buttons, mentions, guilds);
        this.buttons = buttons;
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        buttons.onModal(event);
    }
}
