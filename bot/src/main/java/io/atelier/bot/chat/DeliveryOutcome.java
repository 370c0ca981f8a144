package io.atelier.bot.chat;

import java.time.Duration;
import java.util.Map;

/** What a {@link ChatDeliveryChannel} reports after trying to show a view. */
public sealed interface DeliveryOutcome {

    /**
     * Shown.
     *
     * @param targetUpdate keys to add to / replace in the delivery's target (e.g. a fallback message id); may be empty
     */
    record Delivered(Map<String, String> targetUpdate) implements DeliveryOutcome {
        public Delivered {
            targetUpdate = targetUpdate == null ? Map.of() : Map.copyOf(targetUpdate);
        }

        public static Delivered ok() {
            return new Delivered(Map.of());
        }
    }

    /**
     * A transient failure (5xx, 429, network): try again after {@code after} (the platform's
     * Retry-After when it gave one; null = exponential backoff), up to
     * {@code atelier.chat.delivery.max-attempts}.
     *
     * @param targetUpdate keys to remember for the next attempt (e.g. that a token is dead and must not be used again); may be empty
     */
    record Retry(Duration after, String reason, Map<String, String> targetUpdate) implements DeliveryOutcome {
        public Retry {
            targetUpdate = targetUpdate == null ? Map.of() : Map.copyOf(targetUpdate);
        }

        public Retry(Duration after, String reason) {
            this(after, reason, Map.of());
        }
    }

    /**
     * The message cannot be reached and never will be (expired or unknown token, deleted message,
     * no channel and no DM): never retried.
     */
    record Gone(String reason) implements DeliveryOutcome {
    }
}
