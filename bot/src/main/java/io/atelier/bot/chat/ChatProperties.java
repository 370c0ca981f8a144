package io.atelier.bot.chat;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by the chat bots ({@code atelier.chat.*}).
 *
 * @param startingCredits credits of the team created for a new guild/workspace, default {@value #DEFAULT_STARTING_CREDITS}
 *                        (small: any server that adds the bot gets them; raise it per deployment, or
 *                        top teams up with the admin API)
 * @param quota           per-user and per-tenant limits
 * @param delivery        how results are delivered into messages
 */
@ConfigurationProperties("atelier.chat")
public record ChatProperties(Long startingCredits, @DefaultValue Quota quota, @DefaultValue Delivery delivery) {

    public static final long DEFAULT_STARTING_CREDITS = 100;

    public ChatProperties {
        startingCredits = startingCredits == null ? DEFAULT_STARTING_CREDITS : startingCredits;
        if (startingCredits < 0) {
            throw new IllegalArgumentException("atelier.chat.starting-credits must not be negative");
        }
        quota = quota == null ? new Quota(2, 50, 10, 1000, Map.of()) : quota;
        delivery = delivery == null ? new Delivery(Duration.ofSeconds(2), 10, Duration.ofHours(2)) : delivery;
    }

    /**
     * Limits; 0 means unlimited.
     *
     * @param userConcurrent   queued+running jobs per user
     * @param userDaily        jobs per user per UTC day
     * @param tenantConcurrent queued+running jobs per guild/workspace
     * @param tenantDaily      jobs per guild/workspace per UTC day
     * @param roles            overrides by role id or name (the most generous matching role wins)
     */
    public record Quota(@DefaultValue("2") int userConcurrent, @DefaultValue("50") int userDaily,
                        @DefaultValue("10") int tenantConcurrent, @DefaultValue("1000") int tenantDaily,
                        Map<String, RoleLimits> roles) {
        public Quota {
            roles = roles == null ? Map.of() : Map.copyOf(roles);
        }
    }

    /** A role's per-user limits (0 = unlimited). */
    public record RoleLimits(int concurrent, int daily) {
    }

    /**
     * @param progressInterval least time between two progress edits of one message (Discord/Slack rate limits)
     * @param maxAttempts      failed deliveries (5xx, 429, network) before giving up on a message
     * @param maxAge           a delivery older than this stops tracking (the generation is stuck or the message gone)
     */
    public record Delivery(@DefaultValue("2s") Duration progressInterval, @DefaultValue("10") int maxAttempts,
                           @DefaultValue("2h") Duration maxAge) {
    }
}
