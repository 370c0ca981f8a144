package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import java.util.Set;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/**
 * Owns the buttons (and forms) of some {@link ChatAction}s: the command whose messages carry them.
 * Each action has exactly one owner ({@link DiscordCommands} checks it at start), so a click is routed
 * by the action its custom id names ({@link ActionId}). Threading: as {@link DiscordCommand}: the
 * handlers run on JDA's event thread, acknowledge at once and hand slow work to {@link DiscordWork}.
 */
interface DiscordComponentOwner {

    /** The actions whose buttons this owner answers. */
    Set<ChatAction> actions();

    void onButton(ButtonInteractionEvent event, ActionId id);

    /** A submitted form whose id names one of {@link #actions()}. */
    default void onModal(ModalInteractionEvent event, ActionId id) {
        event.reply("This form is not one of mine.").setEphemeral(true).queue();
    }
}
