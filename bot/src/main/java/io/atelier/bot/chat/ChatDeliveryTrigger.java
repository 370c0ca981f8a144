package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs deliveries early when this instance sees their generation change, instead of waiting for
 * the job's next poll: results reach the chat within milliseconds of the end. Only a shortcut: the
 * durable job ({@link ChatDeliveryRunner}) delivers everything on its own.
 *
 * <p>On by default; {@code atelier.chat.delivery.early-trigger=false} leaves everything to the job
 * (tests use it to prove the durable path alone).
 *
 * <p>Threading: the listener only hands the generation id to a virtual-thread executor (it runs
 * on the publishing worker's thread and must not block it).
 */
@Component
@ConditionalOnProperty(name = "atelier.chat.delivery.early-trigger", havingValue = "true", matchIfMissing = true)
class ChatDeliveryTrigger implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChatDeliveryTrigger.class);

    private final ChatDeliveryRepository repository;
    private final ChatDeliveryRunner runner;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("chat-delivery-", 0).factory());

    ChatDeliveryTrigger(ChatDeliveryRepository repository, ChatDeliveryRunner runner) {
        this.repository = repository;
        this.runner = runner;
    }

    @EventListener
    void on(GenerationEvent event) {
        if (event.kind() == GenerationEvent.Kind.SUBMITTED) {
            return;
        }
        String generationId = event.generation().id();
        try {
            executor.execute(() -> runAll(generationId));
        } catch (RuntimeException rejected) {
            // Shutting down: the durable job delivers.
        }
    }

    private void runAll(String generationId) {
        try {
            for (ChatDelivery d : repository.activeForGeneration(generationId)) {
                runner.run(d.id());
            }
        } catch (RuntimeException e) {
            log.debug("early chat delivery of generation {} failed; the delivery job will retry", generationId, e);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
