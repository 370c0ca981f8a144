package io.atelier.bot.chat;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Timestamps;
import io.atelier.core.gallery.AuditEntry;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryEntryChanged;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.jobs.JobFailureHandler;
import io.atelier.core.jobs.JobScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moderation in chat for every publish: each gallery entry in review is posted, by a durable job
 * (task {@value #TASK_NAME}, instance id = the generation id), to the moderators' channel of the
 * workspace or guild it came from ({@code meta.chat}), or, for API and agent publishes, to each bot's
 * default moderators' channel. When the entry is decided anywhere (a chat button, the web console, the
 * API), the same job replaces the posts' controls with the decision and tells a chat author by DM.
 *
 * <p>What was posted and shown is in {@code chat_moderation_posts}; a run compares it with the entry
 * and does what is missing, so a run repeated after a crash finishes the work (a post cut off between
 * the platform's answer and the row's update is posted again: at worst one duplicate request). The
 * {@link GalleryEntryChanged} event only makes the job due at once; {@link #sweep} finds what an event
 * lost with its process.
 */
@Component
class ChatModerationPosts {

    public static final String TASK_NAME = "chat-moderation";
    private static final Logger log = LoggerFactory.getLogger(ChatModerationPosts.class);
    private static final int SWEEP_BATCH = 100;

    private final ChatModerationPostRepository repository;
    private final ChatTenantSettings tenants;
    private final GalleryService gallery;
    private final GenerationService generations;
    private final ObjectProvider<ChatModerationSink> sinks;
    private final JobScheduler scheduler;

    ChatModerationPosts(ChatModerationPostRepository repository, ChatTenantSettings tenants, GalleryService gallery,
                        GenerationService generations, ObjectProvider<ChatModerationSink> sinks, JobScheduler scheduler) {
        this.repository = repository;
        this.tenants = tenants;
        this.gallery = gallery;
        this.generations = generations;
        this.sinks = sinks;
        this.scheduler = scheduler;
    }

    /** The job-engine task; the runner is looked up when a job runs (the engine is built before it). */
    static CustomTask<String> task(Supplier<ChatModerationPosts> posts) {
        return Tasks.custom(TASK_NAME, String.class)
                .onFailure(new JobFailureHandler<>())
                .onDeadExecution(new JobFailureHandler.ReviveInPlace<>())
                .execute((instance, context) -> {
                    Optional<Instant> again = posts.get().run(instance.getData());
                    return (CompletionHandler<String>) (complete, operations) -> {
                        if (again.isPresent()) {
                            operations.reschedule(complete, again.get());
                        } else {
                            operations.remove();
                        }
                    };
                });
    }

    static SchedulableInstance<String> instance(String generationId, Instant at) {
        return new TaskInstance.Builder<String>(TASK_NAME, generationId).data(generationId).priority(80).scheduledTo(at);
    }

    /** An entry entered review or was decided: its posts are brought up to date now. */
    @EventListener
    public void onChange(GalleryEntryChanged changed) {
        if (sinks.stream().findAny().isEmpty()) {
            return;
        }
        schedule(changed.generationId());
    }

    /** Makes the generation's job due now (creating it, or waking a waiting one). */
    public void schedule(String generationId) {
        try {
            if (!scheduler.scheduleIfNotExists(instance(generationId, Timestamps.now()))) {
                scheduler.runNow(TaskInstanceId.of(TASK_NAME, generationId));
            }
            scheduler.triggerCheckForDueExecutions();
        } catch (RuntimeException raced) {
            // The job is running right now: the sweep catches a change it read too early.
            log.debug("chat moderation job for {} not woken: {}", generationId, raced.toString());
        }
    }

    /**
     * Finds work an event did not announce (it died with its process): entries in review with no post
     * yet, and posts still showing a request whose entry has been decided.
     */
    @Scheduled(fixedDelayString = "${atelier.chat.moderation.sweep-interval:30s}", initialDelayString = "${atelier.chat.moderation.sweep-interval:30s}")
    public void sweep() {
        if (sinks.stream().findAny().isEmpty()) {
            return;
        }
        for (GalleryEntry e : gallery.queue(SWEEP_BATCH, 0).items()) {
            if (e.status() == GalleryStatus.PENDING_REVIEW && !repository.hasPosts(e.generationId())) {
                schedule(e.generationId());
            }
        }
        for (String id : repository.showing(GalleryStatus.PENDING_REVIEW)) {
            gallery.find(id).filter(e -> e.status() != GalleryStatus.PENDING_REVIEW).ifPresent(e -> schedule(id));
        }
    }

    /** One run: posts what is missing, shows decisions, tells the author. Returns when to run again, if ever. */
    Optional<Instant> run(String generationId) {
        Optional<GalleryEntry> found = gallery.find(generationId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GalleryEntry entry = found.get();
        Optional<Generation> generation = generations.find(new Caller(entry.teamId(), "chat-moderation", false), generationId);
        if (generation.isEmpty()) {
            return Optional.empty();
        }
        Origin origin = Origin.of(generation.get());
        boolean retry = false;
        for (ChatModerationSink sink : sinks) {
            try {
                step(sink, entry, generation.get(), origin);
            } catch (ChatModerationSink.Failure e) {
                log.warn("chat moderation for {} on {}: {}", generationId, sink.platform(), e.getMessage());
                retry |= e.retriable();
            }
        }
        if (retry) {
            return Optional.of(Timestamps.now().plus(Duration.ofSeconds(10)));
        }
        // A decision taken while this run posted (uploading the images takes a while) could not wake
        // the job, which was running: run again at once rather than leave it to the sweep.
        boolean decidedMeanwhile = gallery.find(generationId).map(GalleryEntry::status)
                .filter(status -> status != entry.status()).isPresent();
        return decidedMeanwhile ? Optional.of(Timestamps.now()) : Optional.empty();
    }

    private void step(ChatModerationSink sink, GalleryEntry entry, Generation generation, Origin origin) {
        String platform = sink.platform().name();
        boolean fromHere = origin != null && origin.platform().equals(sink.platform().wireName());
        // Requests from a chat go to that chat's moderators only; API and agent ones to every default channel.
        if (origin != null && !fromHere) {
            return;
        }
        String tenant = fromHere ? origin.tenant() : sink.defaultTenant();
        Optional<String> channel = tenants.moderationChannel(sink.platform(), fromHere ? origin.tenant() : null,
                sink.configuredChannel());
        List<ChatModerationPostRepository.Post> posts = repository.posts(entry.generationId(), platform);
        if (posts.isEmpty() && entry.status() == GalleryStatus.PENDING_REVIEW && channel.isPresent() && tenant != null) {
            repository.claim(entry.generationId(), platform, tenant, channel.get());
            String ref = sink.post(tenant, channel.get(), generation, entry);
            repository.setMessage(entry.generationId(), platform, channel.get(), ref);
            return;
        }
        for (ChatModerationPostRepository.Post post : posts) {
            if (post.messageRef() == null && entry.status() == GalleryStatus.PENDING_REVIEW) {
                // A claim whose post was cut off: post it (again).
                String ref = sink.post(post.tenantId(), post.channelId(), generation, entry);
                repository.setMessage(entry.generationId(), post.platform(), post.channelId(), ref);
            } else if (post.messageRef() != null && !post.shown().equals(entry.status().name())) {
                sink.showDecision(post.tenantId(), post.channelId(), post.messageRef(), entry, decidedBy(entry));
                repository.setShown(entry.generationId(), post.platform(), post.channelId(), entry.status().name());
            }
        }
        if (fromHere && entry.status() != GalleryStatus.PENDING_REVIEW && !posts.isEmpty()
                && !entry.status().name().equals(posts.getFirst().told())) {
            sink.tellAuthor(origin.tenant(), origin.user(), entry);
            repository.setAuthorTold(entry.generationId(), platform, entry.status().name());
        }
    }

    private String decidedBy(GalleryEntry entry) {
        List<AuditEntry> last = gallery.audit(entry.generationId(), 1, 0);
        return last.isEmpty() ? null : last.getFirst().actorId();
    }

    /** Where a generation came from, read from its {@code meta.chat}; null for API and agent generations. */
    record Origin(String platform, String tenant, String user) {
        static Origin of(Generation g) {
            Object chat = g.asked().meta() == null ? null : g.asked().meta().get(ChatMeta.KEY);
            if (chat instanceof Map<?, ?> m && m.get("platform") instanceof String p && m.get("tenant") instanceof String t
                    && m.get("user") instanceof String u) {
                return new Origin(p, t, u);
            }
            return null;
        }
    }
}
