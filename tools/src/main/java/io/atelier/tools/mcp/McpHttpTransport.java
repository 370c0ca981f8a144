package io.atelier.tools.mcp;

import io.atelier.tools.ToolCaller;
import io.atelier.tools.mcp.McpSessionStore.StoredSession;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP Streamable HTTP (protocol 2025-11-25) on the SDK's {@link McpStreamableServerSession}, with the
 * sessions in the database ({@link McpHttpSessions}): any instance serves any session, and a session
 * survives a restart. POST carries one JSON-RPC message: a tools/call with a progress token is
 * answered on its own SSE stream (with its progress notifications first), every other request with
 * one JSON body ({@link McpJsonReply}); GET opens the session's listening stream (for
 * {@code notifications/resources/updated}); DELETE ends the session.
 *
 * <p>Runs behind {@link McpAuthFilter}, which puts the authenticated caller in a request attribute.
 * Request threads block while a call runs (virtual threads); {@link McpHttpSessions#stop()} closes the
 * listening streams before the web server's graceful shutdown, so idle clients never hold it.
 */
class McpHttpTransport extends HttpServlet {

    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(McpHttpTransport.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient McpHttpSessions sessions;
    private final transient McpProtocol protocol;
    private final transient McpJsonMapper mapper;
    private final transient Map<String, McpRequestHandler<?>> requestHandlers;
    private final transient Map<String, McpNotificationHandler> notificationHandlers;

    McpHttpTransport(McpHttpSessions sessions, McpProtocol protocol) {
        this.sessions = sessions;
        this.protocol = protocol;
        this.mapper = protocol.mapper();
        this.requestHandlers = protocol.requestHandlers();
        this.notificationHandlers = protocol.notificationHandlers();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sessions.closing()) {
            error(response, 503, McpSchema.ErrorCodes.INTERNAL_ERROR, "The server is shutting down; retry in a moment.");
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("application/json") || !accept.contains("text/event-stream")) {
            error(response, 406, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Accept must list application/json and text/event-stream");
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, readBody(request));
        } catch (BodyTooLarge e) {
            error(response, 413, McpSchema.ErrorCodes.INVALID_REQUEST, "The message is larger than " + MAX_BODY + " bytes.");
            return;
        } catch (IOException | RuntimeException e) {
            error(response, 400, McpSchema.ErrorCodes.PARSE_ERROR, "Not a JSON-RPC message: " + e.getMessage());
            return;
        }
        ToolCaller caller = McpAuthFilter.caller(request);
        if (message instanceof McpSchema.JSONRPCRequest rpc && McpSchema.METHOD_INITIALIZE.equals(rpc.method())) {
            initialize(rpc, caller, response);
            return;
        }
        McpStreamableServerSession session = session(request, response, caller);
        if (session == null) {
            return;
        }
        var context = McpRequestContext.of(caller, message instanceof McpSchema.JSONRPCRequest r ? r.id() : null);
        switch (message) {
            case McpSchema.JSONRPCNotification notification -> {
                session.accept(notification).contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block(Duration.ofSeconds(30));
                response.setStatus(202);
            }
            case McpSchema.JSONRPCResponse answer -> {
                session.accept(answer).onErrorComplete().block(Duration.ofSeconds(30));
                response.setStatus(202);
            }
            case McpSchema.JSONRPCRequest rpc when !streams(rpc) -> {
                McpJsonReply reply = new McpJsonReply(mapper);
                session.responseStream(rpc, reply)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block();
                reply.writeTo(response);
            }
            case McpSchema.JSONRPCRequest rpc -> {
                startSse(response);
                AsyncContext async = request.startAsync();
                async.setTimeout(0);
                McpSseStream stream = new McpSseStream(mapper, async, response.getWriter());
                try {
                    session.responseStream(rpc, stream)
                            .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                            .block();
                } catch (RuntimeException e) {
                    log.warn("MCP request {} failed: {}", rpc.method(), e.toString());
                    stream.close();
                }
            }
            default -> error(response, 400, McpSchema.ErrorCodes.INVALID_REQUEST, "Unknown message type.");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sessions.closing()) {
            error(response, 503, McpSchema.ErrorCodes.INTERNAL_ERROR, "The server is shutting down; retry in a moment.");
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            response.setHeader("Allow", "GET, POST, DELETE");
            error(response, 405, McpSchema.ErrorCodes.INVALID_REQUEST, "GET opens an event stream: Accept text/event-stream.");
            return;
        }
        ToolCaller caller = McpAuthFilter.caller(request);
        McpStreamableServerSession session = session(request, response, caller);
        if (session == null) {
            return;
        }
        startSse(response);
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        McpSseStream stream = new McpSseStream(mapper, async, response.getWriter());
        var listening = session.listeningStream(stream);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                ended();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                ended();
            }

            @Override
            public void onError(AsyncEvent event) {
                ended();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing
            }

            private void ended() {
                sessions.streamEnded(session.getId(), session, stream);
                listening.close();
            }
        });
        sessions.streamOpened(session.getId(), caller, session, stream);
        stream.keepAlive(); // sends the headers now, so the client knows the stream is open
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ToolCaller caller = McpAuthFilter.caller(request);
        McpStreamableServerSession session = session(request, response, caller);
        if (session == null) {
            return;
        }
        sessions.delete(session.getId());
        response.setStatus(200);
    }

    private void initialize(McpSchema.JSONRPCRequest rpc, ToolCaller caller, HttpServletResponse response) throws IOException {
        McpSchema.InitializeRequest init;
        try {
            init = mapper.convertValue(rpc.params(), McpSchema.InitializeRequest.class);
        } catch (RuntimeException e) {
            error(response, 400, McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid initialize params: " + e.getMessage());
            return;
        }
        McpSchema.InitializeResult result = protocol.initialize(init);
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.create(new StoredSession(sessionId, caller.caller().teamId(), McpAuthFilter.principal(caller),
                result.protocolVersion(), mapper.writeValueAsString(init), null), caller,
                this::newSession);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.MCP_SESSION_ID, sessionId);
        response.getWriter().write(mapper.writeValueAsString(McpSchema.JSONRPCResponse.result(rpc.id(), result)));
    }

    /** The SDK session object for a stored session, with Atelier's handlers. */
    McpStreamableServerSession newSession(StoredSession stored) {
        McpSchema.InitializeRequest init;
        try {
            init = mapper.readValue(stored.clientJson(), McpSchema.InitializeRequest.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable MCP session " + stored.id(), e);
        }
        return new McpStreamableServerSession(stored.id(), init.capabilities(), init.clientInfo(), Duration.ofSeconds(60),
                requestHandlers, notificationHandlers);
    }

    /** The request's session, or null after answering 400/404. */
    private McpStreamableServerSession session(HttpServletRequest request, HttpServletResponse response, ToolCaller caller)
            throws IOException {
        String id = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (id == null || id.isBlank()) {
            error(response, 400, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Missing Mcp-Session-Id header: send initialize first and then its session id.");
            return null;
        }
        McpStreamableServerSession session = sessions.find(id.strip(), caller, this::newSession);
        if (session == null) {
            error(response, 404, McpSchema.ErrorCodes.INVALID_REQUEST, "Session not found: it expired or was ended; "
                    + "send initialize to start a new one.");
        }
        return session;
    }

    /**
     * Whether a request's answer is an event stream: only a tools/call with a progress token sends
     * anything (its progress) before the response; every other answer is one JSON body.
     */
    private static boolean streams(McpSchema.JSONRPCRequest rpc) {
        return McpSchema.METHOD_TOOLS_CALL.equals(rpc.method()) && rpc.params() instanceof Map<?, ?> params
                && params.get("_meta") instanceof Map<?, ?> meta && meta.get("progressToken") != null;
    }

    private static void startSse(HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    private void error(HttpServletResponse response, int status, int code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // JSON-RPC's error object for a message that could not be attributed to a request: id null.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", null);
        body.put("error", Map.of("code", code, "message", message));
        response.getWriter().write(mapper.writeValueAsString(body));
    }

    private static String readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new BodyTooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new BodyTooLarge();
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large", null);
        }
    }
}
