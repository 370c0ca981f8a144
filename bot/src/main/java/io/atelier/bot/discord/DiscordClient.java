package io.atelier.bot.discord;

import net.dv8tion.jda.api.JDA;

/** The current JDA session, set by {@link DiscordBot} while it runs; read by REST callers. */
class DiscordClient {

    private volatile JDA jda;

    /** The client; throws while the bot is not started (a delivery then retries later). */
    JDA get() {
        JDA current = jda;
        if (current == null) {
            throw new DiscordCallException(DiscordCallException.Kind.TRANSIENT, "the Discord client is not connected");
        }
        return current;
    }

    void set(JDA jda) {
        this.jda = jda;
    }
}
