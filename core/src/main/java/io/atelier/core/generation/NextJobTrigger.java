package io.atelier.core.generation;

import io.atelier.core.jobs.JobScheduler;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a generation ends here, its worker is about to be free: look for the next due job now
 * rather than at the next poll. db-scheduler fetches due jobs in small batches (so a later,
 * higher-priority job can overtake), and without this a worker freed between two polls would idle
 * until the next one.
 */
@Component
class NextJobTrigger {

    private final JobScheduler scheduler;

    NextJobTrigger(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @EventListener
    void on(GenerationEvent event) {
        if (event.kind() == GenerationEvent.Kind.FINISHED) {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
