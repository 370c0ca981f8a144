package io.atelier.tools.mcp;

import io.atelier.tools.ToolCaller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import java.util.HashMap;
import java.util.Map;

/**
 * What the transports put in the SDK's {@link McpTransportContext} for each message: who is
 * calling, and the JSON-RPC id of the request (the handlers' signature has no id, but cancelling a
 * tools/call needs it).
 */
final class McpRequestContext {

    static final String CALLER = "atelier.caller";
    static final String REQUEST_ID = "atelier.requestId";

    private McpRequestContext() {
    }

    static McpTransportContext of(ToolCaller caller, Object requestId) {
        Map<String, Object> values = new HashMap<>();
        if (caller != null) {
            values.put(CALLER, caller);
        }
        if (requestId != null) {
            values.put(REQUEST_ID, requestId.toString());
        }
        return McpTransportContext.create(values);
    }

    /** The caller of this message; every transport authenticates before a message reaches a handler. */
    static ToolCaller caller(McpAsyncServerExchange exchange) {
        if (exchange.transportContext().get(CALLER) instanceof ToolCaller caller) {
            return caller;
        }
        throw new IllegalStateException("MCP message without a caller");
    }

    static String requestId(McpAsyncServerExchange exchange) {
        return exchange.transportContext().get(REQUEST_ID) instanceof String id ? id : null;
    }
}
