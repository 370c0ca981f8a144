package io.atelier.core.generation;

import java.time.Duration;

/**
 * Where a queued generation stands.
 *
 * @param position generations that start before it (0 = next)
 * @param eta      about when it starts, from the recent run times of its provider; null when unknown
 */
public record QueueEstimate(long position, Duration eta) {
}
