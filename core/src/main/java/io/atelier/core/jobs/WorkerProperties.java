package io.atelier.core.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The generation workers ({@code atelier.worker.*}).
 *
 * @param concurrency       generations run at once by this instance
 * @param pollInterval      how often idle workers look for due jobs (jobs submitted here start at once)
 * @param heartbeatInterval how often a running job proves its worker alive
 * @param missedHeartbeats  missed heartbeats after which another worker revives the job; the default
 *                          5 s × 6 = 30 s: fast enough after a crash, and not so fast that a long GC
 *                          pause or a database hiccup (heartbeats are database writes) makes the
 *                          engine run a live job a second time, calling a paid provider twice
 * @param maxAttempts       worker runs (crash revivals included) before a generation fails for good
 * @param shutdownGrace     on shutdown, how long running jobs may finish before they are requeued
 * @param progressInterval  least time between two stored progress updates of one generation
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
