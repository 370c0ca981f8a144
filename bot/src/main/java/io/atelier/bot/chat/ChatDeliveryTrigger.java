package io.atelier.bot.chat;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.atelier.core.generation.GenerationEvent;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.jobs.JobScheduler;
import java.time.Duration;
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
 * <p>It does not run a delivery itself: it makes the delivery's job due now
 * ({@link JobScheduler#runNow}), so every run of a delivery is a run of its job, and the job engine
 * never runs one job on two instances at once. Running the step here instead raced the job on
 * another instance: both posted the pending Slack message, or both uploaded the result. When the
 * job is running at that moment, this asks again every {@value #WAKE_RETRY_MS} ms (at most
 * {@value #WAKE_ATTEMPTS} times), so a result that arrives during a progress edit is not left for
 * the next progress interval.
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
    static final long WAKE_RETRY_MS = 200;
    static final int WAKE_ATTEMPTS = 50;

    private final ChatDeliveryRepository repository;
    private final JobScheduler scheduler;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("chat-delivery-", 0).factory());

    ChatDeliveryTrigger(ChatDeliveryRepository repository, JobScheduler scheduler) {
        this.repository = repository;
        this.scheduler = scheduler;
    }

    @EventListener
    void on(GenerationEvent event) {
        // Only chat generations have deliveries to wake, save the rare one shown in chat (/show) from
        // another surface, which its durable job delivers alone: no query per event of every API call.
        GenerationSource source = event.generation().source();
        if (event.kind() == GenerationEvent.Kind.SUBMITTED
                || (source != GenerationSource.DISCORD && source != GenerationSource.SLACK)) {
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
                wake(d.id());
            }
        } catch (RuntimeException e) {
            log.debug("early chat delivery of generation {} failed; the delivery job will retry", generationId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake(String deliveryId) throws InterruptedException {
        TaskInstanceId job = TaskInstanceId.of(ChatDeliveryRunner.TASK_NAME, deliveryId);
        for (int attempt = 0; attempt < WAKE_ATTEMPTS; attempt++) {
            switch (scheduler.runNow(job)) {
                case DUE, ABSENT -> {
                    return;
                }
                case RUNNING -> Thread.sleep(Duration.ofMillis(WAKE_RETRY_MS));
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
