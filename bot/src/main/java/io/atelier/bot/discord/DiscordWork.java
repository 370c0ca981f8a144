package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatActionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler's slow part on the bot's own executor, after its acknowledgement (defer) went
 * out: JDA's event threads never wait for the database, the provider or an LLM, and the slow part
 * never edits a reply Discord has not acknowledged yet. An unexpected error becomes an ephemeral
 * message instead of a silent "thinking…".
 *
 * <p><b>Admission.</b> At most {@code concurrency} slow parts run at once (FIFO); the others wait,
 * already acknowledged, as parked virtual threads. Why: a burst of {@code /imagine}s is CPU-bound
 * work (prompt pipeline, database writes, the pending message) that finishes no sooner when it all
 * runs at once, but while it does it takes the cores from JDA's single gateway thread, and every
 * later interaction of the burst waits for that thread before it can be acknowledged (Discord
 * allows 3 s). Measured with the Discord benchmark (50 at once, 2 cores): unbounded, the last
 * acknowledgement of a warm round came after 190 ms; with one slow part at a time after 110 ms,
 * and the result edits' p99 fell from 189 to 75 ms.
 */
class DiscordWork {

    private static final Logger log = LoggerFactory.getLogger(DiscordWork.class);

    private final Executor executor;
    private final Semaphore admission;

    /**
     * @param concurrency how many slow parts may run at once; 0 or less: no limit
     */
    DiscordWork(Executor executor, int concurrency) {
        this.executor = executor;
        this.admission = concurrency > 0 ? new Semaphore(concurrency, true) : null;
    }

    DiscordWork(Executor executor) {
        this(executor, 0);
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
            if (admission != null) {
                try {
                    admission.acquire();
                } catch (InterruptedException shuttingDown) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                body.run();
            } catch (ChatActionException refused) {
                // Meant for the user (not on the allow-list, rate-limited): say so, it is not our failure.
                hook.sendMessage(new MessageCreateBuilder().setContent(refused.getMessage()).build())
                        .setEphemeral(true).queue(null, ignored -> { });
            } catch (RuntimeException e) {
                log.error("Discord interaction failed", e);
                hook.sendMessage(new MessageCreateBuilder()
                        .setContent("Something went wrong on our side; please try again.").build())
                        .setEphemeral(true).queue(null, ignored -> { });
            } finally {
                if (admission != null) {
                    admission.release();
                }
            }
        });
    }
}
