package io.atelier.bot.chat;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.jobs.JobScheduler;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts durable deliveries: a {@code chat_deliveries} row and its job, in one transaction. */
@Service
public class ChatDeliveries {

    private static final Logger log = LoggerFactory.getLogger(ChatDeliveries.class);
    private static final int RESUME_BATCH = 1000;

    private final ChatDeliveryRepository repository;
    private final JobScheduler scheduler;
    private final TransactionTemplate tx;

    ChatDeliveries(ChatDeliveryRepository repository, JobScheduler scheduler,
                   TransactionTemplate tx) {
        this.repository = repository;
        this.scheduler = scheduler;
        this.tx = tx;
    }

    /**
     * Tracks a message showing {@code generation} until its result is in it. The first run is due
     * at once.
     *
     * @return the delivery id
     */
    public String track(ChatUser user, Generation generation, DeliveryTarget target) {
        Instant now = Timestamps.now();
        ChatDelivery delivery = new ChatDelivery(Ids.uuid(), generation.id(), generation.teamId(), user.platform(),
                user.tenantId(), user.userId(), target, ChatDelivery.State.ACTIVE, null, null, 0, null, now);
        tx.executeWithoutResult(status -> {
            repository.insert(delivery);
            scheduler.scheduleIfNotExists(ChatDeliveryRunner.instance(delivery.id(), now));
        });
        scheduler.triggerCheckForDueExecutions();
        return delivery.id();
    }

    /**
     * Merges {@code update} into a delivery's target and stores it at once, for a channel that
     * created the message inside {@link ChatDeliveryChannel#deliver} (Slack posts its pending
     * message there) and must not lose its id if the process dies before the step ends.
     *
     * @return the updated target
     */
    public DeliveryTarget rememberTarget(ChatDelivery delivery, Map<String, String> update) {
        Map<String, String> data = new HashMap<>(delivery.target().data());
        data.putAll(update);
        DeliveryTarget target = new DeliveryTarget(delivery.target().channelId(), data);
        repository.updateTarget(delivery.id(), target);
        return target;
    }

    /**
     * Makes the active deliveries of a generation due now (after a change the user made, such as a
     * cancel), so its messages show it without waiting for their next poll. A delivery whose job is
     * running at this moment (or is picked while this asks) sees the change in its next run: waking
     * is only a shortcut and never fails the caller.
     */
    public void wake(String generationId) {
        for (ChatDelivery d : repository.activeForGeneration(generationId)) {
            try {
                scheduler.runNow(TaskInstanceId.of(ChatDeliveryRunner.TASK_NAME, d.id()));
            } catch (RuntimeException raced) {
                log.debug("chat delivery {} not woken ({}); its next run shows the change", d.id(), raced.toString());
            }
        }
        scheduler.triggerCheckForDueExecutions();
    }

    /**
     * After a start, every delivery left active by an earlier process runs now (not at its next
     * poll): its message says "resuming" at once ({@link ChatDeliveryRunner}). A delivery whose job the
     * dead process held is released by the job engine (at once when that process is certainly gone,
     * else by heartbeat) and runs then.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeAfterStart() {
        int woken = 0;
        for (String id : repository.activeCreatedBefore(Timestamps.now(), RESUME_BATCH)) {
            try {
                scheduler.runNow(TaskInstanceId.of(ChatDeliveryRunner.TASK_NAME, id));
                woken++;
            } catch (RuntimeException picked) {
                log.debug("chat delivery {} not woken at start ({}); it runs when its job is free", id, picked.toString());
            }
        }
        if (woken > 0) {
            log.info("Resuming {} chat message(s) left unfinished by an earlier process", woken);
            scheduler.triggerCheckForDueExecutions();
        }
    }

    /** Every delivery of a generation, oldest first. */
    public List<ChatDelivery> forGeneration(String generationId) {
        return repository.forGeneration(generationId);
    }

    public Optional<ChatDelivery> find(String deliveryId) {
        return repository.find(deliveryId);
    }
}
