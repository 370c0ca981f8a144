package io.atelier.tools.mcp;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.tools.ToolCaller;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which generation each tools/call started, so that the client's {@code notifications/cancelled}
 * for that request cancels it (and refunds it) while it has produced no image. Kept here for the
 * calls of this instance and in the database for the others: behind a non-sticky load balancer the
 * notification may reach another instance than the call.
 */
@Component
class McpToolCalls {

    private static final Logger log = LoggerFactory.getLogger(McpToolCalls.class);

    private final McpSessionStore store;
    private final GenerationService generations;
    private final Map<String, String> local = new ConcurrentHashMap<>();
    /** Cancellations that arrived before their call had created its generation. */
    private final Map<String, Boolean> cancelledEarly = new ConcurrentHashMap<>();

    McpToolCalls(McpSessionStore store, GenerationService generations) {
        this.store = store;
        this.generations = generations;
    }

    void started(ToolCaller who, String sessionId, String requestId, String generationId) {
        if (sessionId == null || requestId == null) {
            return;
        }
        String key = key(sessionId, requestId);
        local.put(key, generationId);
        store.recordCall(sessionId, requestId, generationId);
        if (cancelledEarly.remove(key) != null) {
            cancel(who.caller(), generationId);
        }
    }

    /** The call answered: nothing left to cancel here (the row stays for late notifications elsewhere). */
    void ended(String sessionId, String requestId) {
        if (sessionId != null && requestId != null) {
            local.remove(key(sessionId, requestId));
            cancelledEarly.remove(key(sessionId, requestId));
        }
    }

    /** Handles {@code notifications/cancelled}: cancels the request's generation if it is still running. */
    void cancelled(Caller caller, String sessionId, String requestId) {
        if (sessionId == null || requestId == null) {
            return;
        }
        String key = key(sessionId, requestId);
        Optional<String> generation = Optional.ofNullable(local.get(key)).or(() -> store.findCall(sessionId, requestId));
        if (generation.isPresent()) {
            cancel(caller, generation.get());
        } else if (local.size() + cancelledEarly.size() < 100_000) {
            cancelledEarly.put(key, Boolean.TRUE);
        }
    }

    private void cancel(Caller caller, String generationId) {
        try {
            generations.cancel(caller, generationId);
            log.info("MCP client cancelled the call of generation {}: canceled and refunded", generationId);
        } catch (GenerationStateException ended) {
            log.debug("MCP cancellation of generation {} came after it ended", generationId);
        } catch (RuntimeException e) {
            log.warn("MCP cancellation of generation {} failed: {}", generationId, e.toString());
        }
    }

    private static String key(String sessionId, String requestId) {
        return sessionId + "|" + requestId;
    }
}
