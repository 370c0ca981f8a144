package io.atelier.bot.chat;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.jobs.JobFailureHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps one chat message in step with its generation: the durable half of chat delivery.
 *
 * <p>Each {@link ChatDelivery} has a db-scheduler job (task {@value #TASK_NAME}, instance id = the
 * delivery id) scheduled when the message is created. A run re-reads the delivery and the
 * generation from the database, asks the platform's {@link ChatDeliveryChannel} to show the
 * current {@link ChatView} when it changed, and reschedules itself while the generation is not
 * finished, so the message is finished after a restart or on another instance. In-process
 * {@code GenerationEvent}s only trigger a run early ({@link ChatDeliveryTrigger}).
 *
 * <p>Rules: progress edits at most one per {@code progress-interval} per message; the final view
 * goes out at once; a channel's {@link DeliveryOutcome.Retry} is retried after its Retry-After (or
 * an exponential backoff) up to {@code max-attempts}; {@link DeliveryOutcome.Gone} (expired or
 * unknown token, deleted message) is never retried; a delivery older than {@code max-age} whose
 * generation has not ended stops.
 *
 * <p>Threading: {@link #run} is called by the job engine, which never runs one job on two
 * instances at once ({@link ChatDeliveryTrigger} only makes the job due now), and by Discord's
 * interaction handler for the first view; runs of one delivery are serialized within this instance.
 * Runs on two instances at once must not happen for Slack: its first run posts the message and its
 * last uploads the images, neither of which repeats harmlessly.
 */
@Component
public class ChatDeliveryRunner {

    public static final String TASK_NAME = "chat-delivery";
    /** Deliveries run before queued generations (whose jobs wait in fair-queue order). */
    static final int PRIORITY = 90;
    static final Duration NO_CHANNEL_RECHECK = Duration.ofSeconds(30);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(ChatDeliveryRunner.class);

    private final ChatDeliveryRepository repository;
    private final GenerationService generations;
    private final ChatRenderer renderer;
    private final ObjectProvider<ChatDeliveryChannel> channels;
    private final ChatProperties properties;
    private final Clock clock;
    /** When this process's runner was made: deliveries older than this are resumed here. */
    private final Instant started;
    /** Deliveries from before {@link #started} that have shown "resuming" in this process (at most the ones active then). */
    private final Set<String> resumed = ConcurrentHashMap.newKeySet();
    /** Striped locks: runs of one delivery never overlap in this instance (two deliveries may share a stripe). */
    private final ReentrantLock[] locks = new ReentrantLock[64];

    /** What a run decided: nothing more to do, or run again at a time. */
    public sealed interface Next {
        record Done() implements Next {
        }

        record RunAt(Instant at) implements Next {
        }
    }

    @Autowired
    ChatDeliveryRunner(ChatDeliveryRepository repository, GenerationService generations, ChatRenderer renderer,
                       ObjectProvider<ChatDeliveryChannel> channels, ChatProperties properties) {
        this(repository, generations, renderer, channels, properties, Clock.systemUTC());
    }

    ChatDeliveryRunner(ChatDeliveryRepository repository, GenerationService generations, ChatRenderer renderer,
                       ObjectProvider<ChatDeliveryChannel> channels, ChatProperties properties, Clock clock) {
        this.repository = repository;
        this.generations = generations;
        this.renderer = renderer;
        this.channels = channels;
        this.properties = properties;
        this.clock = clock;
        this.started = clock.instant();
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * The job-engine task. The runner is looked up when a job runs, not when the task is built:
     * the job engine needs its tasks before the generation service (which needs the engine) exists.
     */
    static CustomTask<String> task(Supplier<ChatDeliveryRunner> runner) {
        return Tasks.custom(TASK_NAME, String.class)
                .onFailure(new JobFailureHandler<>())
                .onDeadExecution(new JobFailureHandler.ReviveInPlace<>())
                .execute((instance, context) -> completion(runner.get().run(instance.getData())));
    }

    /** A due-now job instance for a delivery. */
    static SchedulableInstance<String> instance(String deliveryId, Instant at) {
        return new TaskInstance.Builder<String>(TASK_NAME, deliveryId).data(deliveryId).priority(PRIORITY).scheduledTo(at);
    }

    private static CompletionHandler<String> completion(Next next) {
        return (complete, operations) -> {
            if (next instanceof Next.RunAt at) {
                operations.reschedule(complete, at.at());
            } else {
                operations.remove();
            }
        };
    }

    /** One step of a delivery; see the class comment. Database errors propagate (the job engine retries). */
    public Next run(String deliveryId) {
        ReentrantLock lock = locks[Math.floorMod(deliveryId.hashCode(), locks.length)];
        lock.lock();
        try {
            return step(deliveryId);
        } finally {
            lock.unlock();
        }
    }

    private Next step(String deliveryId) {
        Optional<ChatDelivery> found = repository.find(deliveryId);
        if (found.isEmpty() || found.get().state() != ChatDelivery.State.ACTIVE) {
            return new Next.Done();
        }
        ChatDelivery d = found.get();
        Instant now = clock.instant();
        boolean tooOld = d.createdAt().plus(properties.delivery().maxAge()).isBefore(now);
        Optional<ChatDeliveryChannel> channel = channelFor(d.platform());
        if (channel.isEmpty()) {
            if (tooOld) {
                return finish(d, ChatDelivery.State.GAVE_UP, "no " + d.platform().wireName() + " bot is configured");
            }
            return new Next.RunAt(now.plus(NO_CHANNEL_RECHECK));
        }
        Optional<Generation> generation = generations.find(new Caller(d.teamId(), "system:chat-delivery", false),
                d.generationId());
        if (generation.isEmpty()) {
            return finish(d, ChatDelivery.State.GONE, "the generation was deleted");
        }
        Generation g = generation.get();
        boolean last = g.status().isTerminal();
        if (!last && tooOld) {
            return finish(d, ChatDelivery.State.GAVE_UP, "the generation did not end within " + properties.delivery().maxAge());
        }
        ChatView view = renderer.view(g, d.target().focus());
        boolean resuming = !last && d.createdAt().isBefore(started) && resumed.add(d.id());
        if (resuming) {
            // The first run in this process of a delivery from before it started: the previous process
            // died or stopped with the job unfinished. Say so now rather than showing stale progress.
            view = ChatView.Progress.resuming(view);
        }
        Duration interval = properties.delivery().progressInterval();
        if (view.key().equals(d.lastView())) {
            if (last) {
                repository.finish(d.id(), ChatDelivery.State.DONE, null, now);
                return new Next.Done();
            }
            return new Next.RunAt(now.plus(interval));
        }
        if (!last && !resuming && d.lastEditAt() != null && d.lastEditAt().plus(interval).isAfter(now)) {
            return new Next.RunAt(d.lastEditAt().plus(interval));
        }
        DeliveryOutcome outcome;
        try {
            outcome = channel.get().deliver(d, view);
        } catch (RuntimeException e) {
            outcome = new DeliveryOutcome.Retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant done = clock.instant();
        return switch (outcome) {
            case DeliveryOutcome.Delivered delivered -> {
                DeliveryTarget target = updated(d.target(), delivered.targetUpdate());
                repository.shown(d.id(), view.key(), Timestamps.now(), target,
                        last ? ChatDelivery.State.DONE : ChatDelivery.State.ACTIVE);
                yield last ? new Next.Done() : new Next.RunAt(done.plus(interval));
            }
            case DeliveryOutcome.Retry retry -> {
                int attempts = d.attempts() + 1;
                if (attempts >= properties.delivery().maxAttempts()) {
                    yield finish(d, ChatDelivery.State.GAVE_UP, "gave up after " + attempts + " attempts: " + retry.reason());
                }
                repository.failedAttempt(d.id(), attempts, retry.reason(), done);
                if (!retry.targetUpdate().isEmpty()) {
                    repository.updateTarget(d.id(), updated(d.target(), retry.targetUpdate()));
                }
                Duration wait = retry.after() != null ? retry.after() : backoff(attempts);
                log.info("chat delivery {} of generation {}: attempt {} failed ({}), retrying in {}", d.id(),
                        d.generationId(), attempts, retry.reason(), wait);
                yield new Next.RunAt(done.plus(wait));
            }
            case DeliveryOutcome.Gone gone -> finish(d, ChatDelivery.State.GONE, gone.reason());
        };
    }

    /** The target with {@code update} applied; a {@code channelId} key also moves the target's channel. */
    private static DeliveryTarget updated(DeliveryTarget target, Map<String, String> update) {
        if (update.isEmpty()) {
            return target;
        }
        Map<String, String> data = new HashMap<>(target.data());
        data.putAll(update);
        return new DeliveryTarget(data.getOrDefault("channelId", target.channelId()), data);
    }

    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    private Next finish(ChatDelivery d, ChatDelivery.State state, String reason) {
        log.info("chat delivery {} of generation {} ends {}: {}", d.id(), d.generationId(), state, reason);
        repository.finish(d.id(), state, reason, clock.instant());
        return new Next.Done();
    }

    private Optional<ChatDeliveryChannel> channelFor(ChatPlatform platform) {
        List<ChatDeliveryChannel> all = channels.orderedStream().toList();
        return all.stream().filter(c -> c.platform() == platform).findFirst();
    }
}
