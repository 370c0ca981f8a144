package io.atelier.tools.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;

/**
 * One server-sent-events stream of a Streamable HTTP request: a POST's response stream or a GET's
 * listening stream. Writes are serialised; a failed write (the client left) closes the stream.
 */
final class McpSseStream implements McpStreamableServerTransport {

    private final McpJsonMapper mapper;
    private final AsyncContext async;
    private final PrintWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    McpSseStream(McpJsonMapper mapper, AsyncContext async, PrintWriter writer) {
        this.mapper = mapper;
        this.async = async;
        this.writer = writer;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            try {
                write((messageId == null ? "" : "id: " + messageId + "\n") + "event: message\ndata: "
                        + mapper.writeValueAsString(message) + "\n\n");
            } catch (IOException e) {
                close();
                throw new IllegalStateException("MCP stream closed: " + e.getMessage(), e);
            }
        });
    }

    /** An SSE comment: keeps proxies from cutting an idle stream and finds dead clients. */
    boolean keepAlive() {
        try {
            write(": keep-alive\n\n");
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    private void write(String text) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("stream closed");
            }
            writer.write(text);
            writer.flush();
            if (writer.checkError()) {
                throw new IOException("client disconnected");
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                async.complete();
            } catch (IllegalStateException alreadyDone) {
                // completed by the container (client gone, timeout)
            }
        } finally {
            lock.unlock();
        }
    }
}
