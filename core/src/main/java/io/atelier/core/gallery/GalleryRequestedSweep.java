package io.atelier.core.gallery;

import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationEvent;
import io.atelier.core.generation.GenerationQueries;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.jobs.JobScheduler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Generations submitted with {@code publicRequested} (v0's {@code isPublic}, the native
 * {@code public} flag, chat options) enter review when they succeed.
 *
 * <p>Two paths, so nothing is lost: the in-process FINISHED event enters them at once, and a
 * recurring db-scheduler job ({@code gallery-public-requests}, one instance cluster-wide, every
 * {@code atelier.gallery.sweep-interval}) reads the database for succeeded generations that asked to
 * be public and have no entry yet, covering a crash between the generation's commit and the event.
 * Entering is idempotent (the entry's primary key is the generation id).
 */
@Configuration(proxyBeanMethods = false)
class GalleryRequestedSweep {

    static final String TASK_NAME = "gallery-public-requests";
    private static final Logger log = LoggerFactory.getLogger(GalleryRequestedSweep.class);

    private final GalleryService gallery;
    private final GenerationQueries generations;

    GalleryRequestedSweep(GalleryService gallery, GenerationQueries generations) {
        this.gallery = gallery;
        this.generations = generations;
    }

    /**
     * Static, and reaching the sweep through a provider: the job engine collects every task bean
     * when it is built, and the gallery service depends (through the generation service) on the
     * job engine, so the task must not need the service to be created.
     */
    @Bean
    static RecurringTask<Void> galleryPublicRequestsTask(GalleryProperties properties,
                                                         ObjectProvider<GalleryRequestedSweep> sweep) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(properties.sweepInterval()))
                .execute((instance, context) -> sweep.getObject().sweep());
    }

    /** The recurring job is created once in the shared table; later starts find it there. */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleSweep(ApplicationReadyEvent event) {
        @SuppressWarnings("unchecked")
        RecurringTask<Void> task = (RecurringTask<Void>) event.getApplicationContext().getBean("galleryPublicRequestsTask", Task.class);
        JobScheduler jobs = event.getApplicationContext().getBean(JobScheduler.class);
        jobs.scheduleIfNotExists(SchedulableInstance.of(task.instance(RecurringTask.INSTANCE), Instant.now()));
    }

    @EventListener
    void onFinished(GenerationEvent event) {
        Generation g = event.generation();
        if (event.kind() != GenerationEvent.Kind.FINISHED || !g.asked().publicRequested()
                || g.status() != GenerationStatus.SUCCEEDED) {
            return;
        }
        try {
            gallery.enterRequested(g.id(), g.teamId());
        } catch (RuntimeException e) {
            log.warn("could not enter generation {} into gallery review now; the sweep will retry", g.id(), e);
        }
    }

    /** Enters up to 100 waiting generations per run. */
    int sweep() {
        int entered = 0;
        for (GenerationQueries.PublicRequest g : generations.publicRequestsWithoutGalleryEntry(100)) {
            try {
                gallery.enterRequested(g.id(), g.teamId());
                entered++;
            } catch (RuntimeException e) {
                log.warn("could not enter generation {} into gallery review; will retry", g.id(), e);
            }
        }
        return entered;
    }
}
