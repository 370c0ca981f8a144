package io.atelier.bot.slack;

import io.atelier.core.common.Timestamps;
import java.time.Clock;
import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What Slack has already delivered to us, by a key that a redelivery repeats (event id, trigger
 * id, view id). The first delivery wins the insert; a redelivery (HTTP retry with
 * {@code X-Slack-Retry-Num}, a Socket Mode retry, another instance receiving the same payload)
 * finds the row and does nothing. Stored in the database so it holds across instances and restarts.
 */
final class SlackInbox {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SlackInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the delivery; true the first time this key is seen, false for a redelivery. */
    boolean firstDelivery(String kind, String key) {
        if (key == null || key.isBlank()) {
            // Nothing to recognise a redelivery by: handle it (Slack sends these ids on every payload we act on).
            return true;
        }
        String dedupeKey = kind + ":" + key;
        if (dedupeKey.length() > 255) {
            dedupeKey = dedupeKey.substring(0, 255);
        }
        try {
            jdbc.update("INSERT INTO slack_inbox (dedupe_key, received_at) VALUES (?, ?)", dedupeKey,
                    Timestamps.db(clock.instant()));
            return true;
        } catch (DuplicateKeyException redelivery) {
            return false;
        }
    }

    /** Forgets deliveries older than {@code age} (Slack retries within minutes). */
    int purgeOlderThan(Duration age) {
        return jdbc.update("DELETE FROM slack_inbox WHERE received_at < ?", Timestamps.db(clock.instant().minus(age)));
    }
}
