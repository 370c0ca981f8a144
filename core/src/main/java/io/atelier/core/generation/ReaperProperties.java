package io.atelier.core.generation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The stuck-generation reaper ({@code atelier.reaper.*}).
 *
 * @param interval   pause between two runs (one instance runs it at a time, cluster-wide)
 * @param staleAfter a QUEUED or PROCESSING generation without a job is reaped only once it has not
 *                   changed for this long (guards against anything mid-transaction)
 * @param batchSize  most generations handled per run
 */
@ConfigurationProperties("atelier.reaper")
public record ReaperProperties(
        @DefaultValue("1m") Duration interval,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("100") int batchSize) {

    public ReaperProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("atelier.reaper.interval must be positive: " + interval);
        }
        if (staleAfter.isNegative()) {
            throw new IllegalArgumentException("atelier.reaper.stale-after must not be negative: " + staleAfter);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("atelier.reaper.batch-size must be at least 1");
        }
    }
}
