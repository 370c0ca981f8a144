package io.atelier.tools.mcp;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.tools.ToolCaller;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers {@code notifications/resources/updated} for subscribed generations. A subscription is a
 * database row (it may be made on any instance); the instance that holds the session's listening
 * stream delivers it: once a second it reads the pending subscriptions of its own listeners and
 * waits for each generation's end with {@link GenerationService#awaitFinished} (which also sees ends
 * on other instances), then notifies once and marks the row.
 */
@Component
class McpSubscriptions implements SmartLifecycle {

    static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration WATCH = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(McpSubscriptions.class);

    /** A session of this instance that can receive notifications now. */
    record Listener(ToolCaller caller, McpLoggableSession session) {
    }

    private final McpSessionStore store;
    private final GenerationService generations;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Set<String> watching = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;

    McpSubscriptions(McpSessionStore store, GenerationService generations) {
        this.store = store;
        this.generations = generations;
    }

    void listen(String sessionId, ToolCaller caller, McpLoggableSession session) {
        listeners.put(sessionId, new Listener(caller, session));
    }

    void stopListening(String sessionId, McpLoggableSession session) {
        listeners.computeIfPresent(sessionId, (id, l) -> l.session() == session ? null : l);
    }

    private void poll() {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            for (McpSessionStore.PendingSubscription p : store.pending(listeners.keySet())) {
                Listener listener = listeners.get(p.sessionId());
                String key = p.sessionId() + "|" + p.uri();
                if (listener == null || !watching.add(key)) {
                    continue;
                }
                generations.awaitFinished(listener.caller().caller(), p.generationId(), WATCH).whenComplete((g, error) -> {
                    watching.remove(key);
                    if (error != null || g.status().isTerminal()) {
                        notify(p, g);
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("MCP subscription poll failed: {}", e.toString());
        }
    }

    private void notify(McpSessionStore.PendingSubscription p, Generation ended) {
        Listener listener = listeners.get(p.sessionId());
        if (listener == null) {
            return; // the stream went away: the next listener of this session gets it
        }
        try {
            listener.session().sendNotification(McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED,
                    new McpSchema.ResourcesUpdatedNotification(p.uri())).block(Duration.ofSeconds(10));
            store.markNotified(p.sessionId(), p.uri());
            log.debug("notified MCP session {} of {} ({})", p.sessionId(), p.uri(), ended == null ? "gone" : ended.status());
        } catch (RuntimeException e) {
            log.debug("could not notify MCP session {} of {}: {}", p.sessionId(), p.uri(), e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-subscriptions");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        poller = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = poller;
        poller = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
