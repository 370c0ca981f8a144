package io.atelier.core.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job engine and the durability of generations ({@code atelier.worker.*}). How many generations
 * run at once is not set here but per provider ({@code atelier.generation.*}).
 *
 * @param concurrency       threads of the job engine for short jobs (chat deliveries, moderation posts,
 *                          sweeps, revivals); generations never wait for them
 * @param pollInterval      how often the job engine looks for due short jobs and revived generations
 *                          (generations submitted here start at once)
 * @param heartbeatInterval how often a running job proves its worker alive
 * @param missedHeartbeats  missed heartbeats after which another worker revives the job; the default
 *                          5 s × 6 = 30 s: fast enough after a crash, and not so fast that a long GC
 *                          pause or a database hiccup (heartbeats are database writes) makes the
 *                          engine run a live job a second time, calling a paid provider twice
 * @param maxAttempts       worker runs (crash revivals included) before a generation fails for good
 * @param shutdownGrace     on shutdown, how long running jobs may finish before they are requeued
 * @param progressInterval  how often the progress of running generations is written (generations that
 *                          have run for less than one interval wait for the next write)
 */
@ConfigurationProperties("atelier.worker")
public record WorkerProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("6") int missedHeartbeats,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue("1s") Duration progressInterval) {

    public WorkerProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("atelier.worker.concurrency must be at least 1");
        }
        if (missedHeartbeats < 4) {
            throw new IllegalArgumentException("atelier.worker.missed-heartbeats must be at least 4 (the job engine's minimum)");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("atelier.worker.max-attempts must be at least 1");
        }
    }
}
