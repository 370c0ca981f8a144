package io.atelier.tools.mcp;

import io.atelier.tools.ToolCaller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stdio: one JSON-RPC message per line each way, one {@link McpServerSession} of the SDK.
 * Like the SDK's stdio transport, but it hands each request's id to the handlers (in the transport
 * context) so that {@code notifications/cancelled} can find the generation a call started, and it
 * handles messages concurrently (a cancellation is read while a tool call waits).
 *
 * <p>Threading: one platform thread reads stdin; handlers run on their own threads; writes to
 * stdout are serialised.
 */
final class McpStdioTransport implements McpServerTransport {

    private static final Logger log = LoggerFactory.getLogger(McpStdioTransport.class);

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final PrintStream out;
    private final Supplier<ToolCaller> caller;

    McpStdioTransport(McpJsonMapper mapper, InputStream in, PrintStream out, Supplier<ToolCaller> caller) {
        this.mapper = mapper;
        this.in = in;
        this.out = out;
        this.caller = caller;
    }

    /** Starts reading stdin on a new thread; messages go to the session {@code sessions} makes for this transport. */
    Thread start(Function<McpServerTransport, McpServerSession> sessions) {
        McpServerSession session = sessions.apply(this);
        Thread reader = new Thread(() -> read(session), "mcp-stdio-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private void read(McpServerSession session) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    log.warn("ignored an unreadable MCP message on stdin: {}", e.getMessage());
                    continue;
                }
                Object requestId = message instanceof McpSchema.JSONRPCRequest r ? r.id() : null;
                McpTransportContext context = McpRequestContext.of(caller.get(), requestId);
                session.handle(message)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .subscribe(null, e -> log.warn("MCP message failed: {}", e.toString()));
            }
        } catch (IOException e) {
            log.info("MCP stdin closed: {}", e.getMessage());
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                String json = mapper.writeValueAsString(message);
                synchronized (out) {
                    out.print(json);
                    out.print('\n');
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not write an MCP message", e);
            }
        });
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
