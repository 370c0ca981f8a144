package io.atelier.tools.mcp;

import io.atelier.tools.ToolCaller;
import io.atelier.tools.mcp.McpSessionStore.StoredSession;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Streamable HTTP sessions of this instance, backed by {@link McpSessionStore}: a session id
 * unknown here is looked up in the database and rebuilt (another instance, or before a restart,
 * created it), as long as the same principal presents it; a local copy is checked against the
 * database once a minute, so a session ended on another instance ends here too. Also holds the listening streams: kept
 * alive every {@link #KEEP_ALIVE}, closed when the session is deleted anywhere, and all closed when
 * the application stops (before the web server drains its requests).
 */
class McpHttpSessions implements SmartLifecycle {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(25);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Duration LOCAL_IDLE = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(McpHttpSessions.class);

    private record Live(McpStreamableServerSession session, String principal, Instant touched) {
    }

    private final McpSessionStore store;
    private final McpSubscriptions subscriptions;
    private final Duration idleTimeout;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, McpSseStream> streams = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService housekeeping;
    private volatile boolean closing;

    McpHttpSessions(McpSessionStore store, McpSubscriptions subscriptions, Duration idleTimeout) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.idleTimeout = idleTimeout;
    }

    boolean closing() {
        return closing;
    }

    void create(StoredSession stored, ToolCaller caller, Function<StoredSession, McpStreamableServerSession> factory) {
        store.create(stored);
        live.put(stored.id(), new Live(factory.apply(stored), stored.principal(), Instant.now()));
    }

    /** The session if it exists (here or in the database) and belongs to {@code caller}; else null. */
    McpStreamableServerSession find(String id, ToolCaller caller, Function<StoredSession, McpStreamableServerSession> factory) {
        String principal = McpAuthFilter.principal(caller);
        Live here = live.get(id);
        if (here != null) {
            if (!here.principal().equals(principal)) {
                return null;
            }
            if (Duration.between(here.touched(), Instant.now()).compareTo(TOUCH_EVERY) > 0) {
                if (!store.touch(id)) {
                    // Ended on another instance (DELETE) or expired: this copy is stale.
                    live.remove(id, here);
                    here.session().close();
                    return null;
                }
                live.put(id, new Live(here.session(), here.principal(), Instant.now()));
            }
            return here.session();
        }
        StoredSession stored = store.find(id).filter(s -> s.principal().equals(principal)).orElse(null);
        if (stored == null || stored.lastSeenAt().isBefore(Instant.now().minus(idleTimeout))) {
            return null;
        }
        store.touch(id);
        Live rebuilt = live.computeIfAbsent(id, k -> new Live(factory.apply(stored), stored.principal(), Instant.now()));
        log.debug("MCP session {} resumed on this instance", id);
        return rebuilt.session();
    }

    void delete(String id) {
        store.delete(id);
        Live gone = live.remove(id);
        McpSseStream stream = streams.remove(id);
        if (stream != null) {
            stream.close();
        }
        if (gone != null) {
            gone.session().close();
        }
    }

    void streamOpened(String id, ToolCaller caller, McpStreamableServerSession session, McpSseStream stream) {
        McpSseStream previous = streams.put(id, stream);
        if (previous != null && previous != stream) {
            previous.close();
        }
        subscriptions.listen(id, caller, session);
    }

    void streamEnded(String id, McpStreamableServerSession session, McpSseStream stream) {
        if (streams.remove(id, stream)) {
            subscriptions.stopListening(id, session);
        }
    }

    private void housekeeping() {
        try {
            streams.forEach((id, stream) -> {
                if (!stream.keepAlive() || store.find(id).isEmpty()) {
                    stream.close(); // the client left, or the session was deleted on another instance
                }
            });
            Instant cutoff = Instant.now().minus(LOCAL_IDLE);
            live.entrySet().removeIf(e -> e.getValue().touched().isBefore(cutoff) && !streams.containsKey(e.getKey()));
            int expired = store.expire(idleTimeout);
            if (expired > 0) {
                log.info("expired {} idle MCP session(s)", expired);
            }
        } catch (RuntimeException e) {
            log.warn("MCP session housekeeping failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        closing = false;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-sessions");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::housekeeping, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        housekeeping = executor;
    }

    /** Ends every listening stream: clients reconnect to another instance (their sessions live on). */
    @Override
    public void stop() {
        closing = true;
        ScheduledExecutorService executor = housekeeping;
        housekeeping = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        streams.values().forEach(McpSseStream::close);
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return housekeeping != null;
    }

    @Override
    public int getPhase() {
        // Above WebServerGracefulShutdownLifecycle (DEFAULT_PHASE - 1024): idle streams never hold the drain.
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
