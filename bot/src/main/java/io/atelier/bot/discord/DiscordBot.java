package io.atelier.bot.discord;

import io.atelier.bot.leader.LeaderElection;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The JDA session: connects on start (REST login, then the gateway in the background), disconnects
 * on stop. REST base URL and gateway URL come from {@link DiscordProperties} (test doubles, proxies).
 * Intents GUILD_MESSAGES and DIRECT_MESSAGES only (mentions of the bot, {@link DiscordMentions}); none is privileged. Guild channels are cached so
 * results can fall back to channel messages.
 *
 * <p>Several instances: only the leader ({@link LeaderElection} over the {@code discord-gateway}
 * lease, {@code atelier.discord.leader.*}) holds the gateway session; the others leave it to it and
 * take over when it stops renewing. Deliveries run on every instance: without a session they
 * send over plain HTTP ({@link SessionAwareDiscordRest}).
 *
 * <p>Lifecycle phase: starts before the job engine (deliveries find a logged-in client) and stops
 * after it (deliveries in flight finish first).
 */
class DiscordBot implements SmartLifecycle, LeaderElection.LeaderWork {

    static final int PHASE = Integer.MAX_VALUE - 8192;
    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    private final DiscordProperties properties;
    private final DiscordListener listener;
    private final DiscordClient client;
    private final Function<LeaderElection.LeaderWork, LeaderElection> election;
    private LeaderElection running;
    private volatile boolean started;
    private volatile JDA jda;

    /**
     * @param election builds the gateway leader election around this bot, or null: connect at once
     *                 (single instance)
     */
    DiscordBot(DiscordProperties properties, DiscordListener listener, DiscordClient client,
               Function<LeaderElection.LeaderWork, LeaderElection> election) {
        this.properties = properties;
        this.listener = listener;
        this.client = client;
        this.election = election;
    }

    DiscordBot(DiscordProperties properties, DiscordListener listener, DiscordClient client) {
        this(properties, listener, client, null);
    }

    /** Joins the leader election (the gateway connects when this instance is elected), or connects at once without one. */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (election == null) {
            elected();
        } else {
            running = election.apply(this);
            running.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        if (running != null) {
            running.stop();
            running = null;
        } else {
            revoked();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Whether this instance holds the gateway connection now. */
    boolean connected() {
        return jda != null;
    }

    /** Connects to the gateway (this instance is the leader). */
    @Override
    public synchronized void elected() {
        if (jda != null) {
            return;
        }
        String gateway = properties.gatewayUrl();
        jda = JDABuilder.createLight(properties.token(),
                        // Messages that mention the bot (the assistant); their content comes without MESSAGE_CONTENT.
                        EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES))
                .disableCache(EnumSet.allOf(CacheFlag.class))
                .setRestConfig(new RestConfig().setBaseUrl(properties.apiBaseUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .addEventListeners(listener)
                .build();
        client.set(jda);
        log.info("Discord bot on: api={}, gateway={}, guilds={}, moderation channel={}", properties.apiBaseUrl(), gateway,
                properties.guilds().isEmpty() ? "global commands" : properties.guilds(),
                properties.moderationChannel() == null ? "none" : properties.moderationChannel());
    }

    /** Disconnects from the gateway (lost the lease, or stopping). */
    @Override
    public synchronized void revoked() {
        JDA current = jda;
        if (current == null) {
            return;
        }
        jda = null;
        client.set(null);
        current.shutdown();
        try {
            if (!current.awaitShutdown(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.shutdownNow();
        }
        log.info("Discord gateway disconnected");
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
