package io.atelier.bot.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces out Web API calls per key (a method and, where Slack limits per channel, the channel)
 * so they stay inside Slack's tiers, and holds a key back for the {@code Retry-After} of a 429.
 *
 * <p>Threading: {@link #acquire} blocks the calling thread until its slot; call it only from
 * the bot's own worker threads, never from Bolt's or the servlet's. Slots are handed out in
 * call order, so waiting callers do not starve each other.
 */
final class SlackRateLimits {

    private final Map<String, Long> nextSlot = new HashMap<>();

    /** Waits for the key's next slot and reserves the one after it, {@code interval} later. */
    void acquire(String key, Duration interval) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot.getOrDefault(key, now));
            nextSlot.put(key, slot + interval.toNanos());
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** After a 429: nobody calls with this key before {@code retryAfter} has passed. */
    synchronized void holdBack(String key, Duration retryAfter) {
        long until = System.nanoTime() + retryAfter.toNanos();
        nextSlot.merge(key, until, Math::max);
    }
}
