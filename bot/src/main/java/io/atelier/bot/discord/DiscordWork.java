package io.atelier.bot.discord;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler's slow part on the bot's own executor, after its acknowledgement (defer) went
 * out: JDA's event threads never wait for the database, the provider or an LLM, and the slow part
 * never edits a reply Discord has not acknowledged yet. An unexpected error becomes an ephemeral
 * message instead of a silent "thinking…".
 */
class DiscordWork {

    private static final Logger log = LoggerFactory.getLogger(DiscordWork.class);

    private final Executor executor;

    DiscordWork(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code body} on the executor (autocomplete answers, which cannot be deferred). */
    void run(Runnable body) {
        executor.execute(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                log.warn("Discord autocomplete failed: {}", e.toString());
            }
        });
    }

    void after(CompletableFuture<?> ack, InteractionHook hook, Runnable body) {
        executor.execute(() -> {
            try {
                ack.join();
            } catch (RuntimeException e) {
                log.warn("Discord did not accept the acknowledgement; dropping the interaction: {}", e.getMessage());
                return;
            }
            try {
                body.run();
            } catch (RuntimeException e) {
                log.error("Discord interaction failed", e);
                hook.sendMessage(new MessageCreateBuilder()
                        .setContent("Something went wrong on our side; please try again.").build())
                        .setEphemeral(true).queue(null, ignored -> { });
            }
        });
    }
}
