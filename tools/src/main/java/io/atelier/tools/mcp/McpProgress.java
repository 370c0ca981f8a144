package io.atelier.tools.mcp;

import io.atelier.tools.ToolProgress;
import io.atelier.tools.ToolResults.GenerationResult;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tools/call's view of its generation: records which generation it started (for
 * {@code notifications/cancelled}) and, when the client sent a progress token, reports every step
 * of the wait as {@code notifications/progress} on the request's own stream. Each notification names
 * the generation id, so even a client that gives up still has it.
 *
 * <p>With a progress token the call waits, by default, until the generation ends (at most
 * {@link #PROGRESS_WAIT}): hosts that reset their timeout on progress keep waiting, and a
 * notification comes at least every {@link io.atelier.tools.ToolWaits#STEP}.
 */
final class McpProgress implements ToolProgress {

    /** The longest default wait of a call that reports progress. */
    static final Duration PROGRESS_WAIT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(McpProgress.class);

    private final McpAsyncServerExchange exchange;
    private final Object token;
    private final McpToolCalls calls;
    private final String sessionId;
    private final String requestId;
    private double last = -1;

    McpProgress(McpAsyncServerExchange exchange, Object token, McpToolCalls calls, String sessionId, String requestId) {
        this.exchange = exchange;
        this.token = token;
        this.calls = calls;
        this.sessionId = sessionId;
        this.requestId = requestId;
    }

    @Override
    public void submitted(String generationId) {
        calls.started(McpRequestContext.caller(exchange), sessionId, requestId, generationId);
        send(0, "Generation " + generationId + " queued.");
    }

    @Override
    public void waiting(GenerationResult running) {
        String position = running.queuePosition() == null ? "" : ", " + running.queuePosition() + " ahead";
        send(running.progressPercent(), "Generation " + running.id() + ": " + running.status() + position + ", "
                + running.progressPercent() + "%. If this call ends early, call get_generation with this id.");
    }

    @Override
    public Duration defaultWait() {
        return token == null ? null : PROGRESS_WAIT;
    }

    /** Progress must increase with every notification: an unchanged percentage still moves by 0.01. */
    private void send(int percent, String message) {
        if (token == null) {
            return;
        }
        double next = Math.max(Math.min(percent, 99), last + 0.01);
        next = Math.round(next * 100) / 100.0;
        last = next;
        try {
            exchange.progressNotification(new ProgressNotification(token, next, 100.0, message)).block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.debug("could not send an MCP progress notification: {}", e.toString());
        }
    }
}
