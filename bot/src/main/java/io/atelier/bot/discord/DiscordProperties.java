package io.atelier.bot.discord;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Discord bot ({@code atelier.discord.*}); off unless {@code token} is set.
 *
 * @param token              bot token (secret: never logged)
 * @param apiBaseUrl         Discord REST base, default {@code https://discord.com/api/v10/} (test doubles, proxies)
 * @param gatewayUrl         gateway websocket URL, default Discord's (test doubles, proxies)
 * @param guilds             guild ids to register the commands in (instant); empty = global commands
 * @param moderatorRole      role id (or name) whose members moderate; Manage Messages also does
 * @param moderationChannel  channel id where publish requests are posted with Approve/Reject; empty = none
 * @param interactionTokenTtl deliver through the interaction token until this age, then as a channel
 *                           message with the bot token (Discord's tokens live 15 minutes)
 * @param leader             which instance holds the gateway connection ({@code atelier.discord.leader.*})
 * @param workConcurrency    how many handlers' slow parts (after the acknowledgement) run at once; the
 *                           rest wait their turn, acknowledged (see {@code DiscordWork}); default half
 *                           the cores, at least 1; 0 = no limit
 */
@ConfigurationProperties("atelier.discord")
public record DiscordProperties(
        String token,
        @DefaultValue("https://discord.com/api/v10/") String apiBaseUrl,
        @DefaultValue("wss://gateway.discord.gg/") String gatewayUrl,
        List<String> guilds,
        String moderatorRole,
        String moderationChannel,
        @DefaultValue("13m") Duration interactionTokenTtl,
        @DefaultValue Leader leader,
        Integer workConcurrency,
        @DefaultValue("10MB") DataSize uploadLimit) {

    /**
     * Gateway leader election: with several instances on one database, only the holder of the
     * {@code discord-gateway} lease connects to the gateway; the others take over within
     * {@code ttl} when it dies. Off: every instance connects (one instance only!).
     *
     * @param enabled       elect a leader (default on; harmless with one instance)
     * @param ttl           how long a lease lasts without renewal (failover time)
     * @param renewInterval how often the holder renews it; at most half the TTL
     * @param instanceId    this instance's holder id; default host name, pid and a random suffix
     */
    public record Leader(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration ttl,
                         @DefaultValue("5s") Duration renewInterval, String instanceId) {
    }

    public DiscordProperties {
        uploadLimit = uploadLimit == null ? DataSize.ofMegabytes(10) : uploadLimit;
        guilds = guilds == null ? List.of() : List.copyOf(guilds);
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://discord.com/api/v10/"
                : apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
        gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? "wss://gateway.discord.gg/" : gatewayUrl;
        interactionTokenTtl = interactionTokenTtl == null ? Duration.ofMinutes(13) : interactionTokenTtl;
        leader = leader == null ? new Leader(true, Duration.ofSeconds(15), Duration.ofSeconds(5), null) : leader;
        if (workConcurrency == null) {
            workConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    @Override
    public String toString() {
        return "DiscordProperties[token=" + (token == null ? "unset" : "****") + ", apiBaseUrl=" + apiBaseUrl
                + ", gatewayUrl=" + gatewayUrl + ", guilds=" + guilds + ", moderatorRole=" + moderatorRole
                + ", moderationChannel=" + moderationChannel + ", interactionTokenTtl=" + interactionTokenTtl + ", leader=" + leader + ", workConcurrency=" + workConcurrency + "]";
    }
}
