package io.atelier.tools.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/**
 * The answer to a request that sends nothing before its response (everything but a tools/call
 * with a progress token): the SDK session writes its one JSON-RPC response here, and the servlet
 * sends it as a plain {@code application/json} body with a length, on the request thread, instead of
 * an event stream. Notifications have no place in such an answer and are dropped.
 */
final class McpJsonReply implements McpStreamableServerTransport {

    private final McpJsonMapper mapper;
    private volatile McpSchema.JSONRPCResponse response;

    McpJsonReply(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            if (message instanceof McpSchema.JSONRPCResponse answer) {
                response = answer;
            }
        });
    }

    /** Writes the response (200 with its JSON), or 500 when the session produced none. */
    void writeTo(HttpServletResponse http) throws IOException {
        McpSchema.JSONRPCResponse answer = response;
        byte[] body = answer == null ? "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"no response\"}}"
                .getBytes(StandardCharsets.UTF_8) : mapper.writeValueAsBytes(answer);
        http.setStatus(answer == null ? 500 : 200);
        http.setContentType("application/json");
        http.setCharacterEncoding("UTF-8");
        http.setContentLength(body.length);
        http.getOutputStream().write(body);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }
}
