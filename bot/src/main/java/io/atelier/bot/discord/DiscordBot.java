package io.atelier.bot.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
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
 * No optional intents (JDA always subscribes to guild events): interactions need no privileged intents; guild channels are cached so
 * results can fall back to channel messages.
 *
 * <p>Lifecycle phase: starts before the job engine (deliveries find a logged-in client) and stops
 * after it (deliveries in flight finish first).
 */
class DiscordBot implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE - 8192;
    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    private final DiscordProperties properties;
    private final DiscordListener listener;
    private final DiscordClient client;
    private volatile JDA jda;

    DiscordBot(DiscordProperties properties, DiscordListener listener, DiscordClient client) {
        this.properties = properties;
        this.listener = listener;
        this.client = client;
    }

    @Override
    public synchronized void start() {
        if (jda != null) {
            return;
        }
        String gateway = properties.gatewayUrl();
        jda = JDABuilder.createLight(properties.token(), EnumSet.noneOf(GatewayIntent.class))
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

    @Override
    public synchronized void stop() {
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
        log.info("Discord bot stopped");
    }

    @Override
    public boolean isRunning() {
        return jda != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
