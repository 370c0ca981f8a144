package io.atelier.tools.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Atelier's MCP server features as the SDK's request and notification handlers, shared by the
 * Streamable HTTP sessions ({@link io.modelcontextprotocol.spec.McpStreamableServerSession}) and the
 * stdio session ({@link io.modelcontextprotocol.spec.McpServerSession}).
 *
 * <p>Why not the SDK's {@code McpServer}: its resources and prompts are fixed lists and its
 * subscriptions and sessions live in one process, while Atelier's are per team and must work on
 * any instance. The SDK still does the protocol: sessions, JSON-RPC, streams, exchanges.
 *
 * <p>Threading: every handler runs its blocking work on a virtual thread, so a transport's reader
 * keeps reading (a {@code notifications/cancelled} must get through while a tool call waits).
 */
@Component
class McpProtocol implements DisposableBean {

    static final String CANCELLED = "notifications/cancelled";

    private final McpToolAdapter tools;
    private final McpResources resources;
    private final McpPrompts prompts;
    private final McpToolCalls calls;
    private final McpJsonMapper mapper = McpServers.jsonMapper();
    private final Scheduler blocking = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(), "mcp");

    McpProtocol(McpToolAdapter tools, McpResources resources, McpPrompts prompts, McpToolCalls calls) {
        this.tools = tools;
        this.resources = resources;
        this.prompts = prompts;
        this.calls = calls;
    }

    McpJsonMapper mapper() {
        return mapper;
    }

    McpSchema.InitializeResult initialize(McpSchema.InitializeRequest request) {
        return new McpSchema.InitializeResult(McpServers.negotiate(request.protocolVersion()), McpServers.capabilities(),
                new McpSchema.Implementation(McpServers.NAME, "Atelier", McpServers.VERSION), McpServers.INSTRUCTIONS);
    }

    Map<String, McpRequestHandler<?>> requestHandlers() {
        Map<String, McpRequestHandler<?>> handlers = new HashMap<>();
        handlers.put(McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()));
        handlers.put(McpSchema.METHOD_TOOLS_LIST, handler(McpSchema.PaginatedRequest.class,
                (exchange, request) -> new McpSchema.ListToolsResult(tools.list(McpRequestContext.caller(exchange)), null)));
        handlers.put(McpSchema.METHOD_TOOLS_CALL, handler(McpSchema.CallToolRequest.class,
                (exchange, request) -> tools.call(exchange, mapper, request)));
        handlers.put(McpSchema.METHOD_RESOURCES_LIST, handler(McpSchema.PaginatedRequest.class,
                (exchange, request) -> resources.list(McpRequestContext.caller(exchange), request.cursor())));
        handlers.put(McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, handler(McpSchema.PaginatedRequest.class,
                (exchange, request) -> new McpSchema.ListResourceTemplatesResult(McpResources.templates(), null)));
        handlers.put(McpSchema.METHOD_RESOURCES_READ, handler(McpSchema.ReadResourceRequest.class,
                (exchange, request) -> resources.read(McpRequestContext.caller(exchange), mapper, request.uri())));
        handlers.put(McpSchema.METHOD_RESOURCES_SUBSCRIBE, handler(McpSchema.SubscribeRequest.class, (exchange, request) -> {
            resources.subscribe(McpRequestContext.caller(exchange), exchange.sessionId(), request.uri());
            return Map.of();
        }));
        handlers.put(McpSchema.METHOD_RESOURCES_UNSUBSCRIBE, handler(McpSchema.UnsubscribeRequest.class, (exchange, request) -> {
            resources.unsubscribe(exchange.sessionId(), request.uri());
            return Map.of();
        }));
        handlers.put(McpSchema.METHOD_PROMPT_LIST, handler(McpSchema.PaginatedRequest.class,
                (exchange, request) -> new McpSchema.ListPromptsResult(prompts.list(McpRequestContext.caller(exchange)), null)));
        handlers.put(McpSchema.METHOD_PROMPT_GET, handler(McpSchema.GetPromptRequest.class,
                (exchange, request) -> prompts.get(McpRequestContext.caller(exchange), request)));
        return handlers;
    }

    Map<String, McpNotificationHandler> notificationHandlers() {
        Map<String, McpNotificationHandler> handlers = new HashMap<>();
        handlers.put(McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) -> Mono.empty());
        handlers.put(McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, (exchange, params) -> Mono.empty());
        handlers.put(CANCELLED, (exchange, params) -> run(() -> {
            Map<String, Object> cancel = mapper.convertValue(params, new TypeRef<Map<String, Object>>() {
            });
            Object requestId = cancel == null ? null : cancel.get("requestId");
            if (requestId != null) {
                calls.cancelled(McpRequestContext.caller(exchange).caller(), exchange.sessionId(), requestId.toString());
            }
            return null;
        }).then());
        return handlers;
    }

    private <P, R> McpRequestHandler<R> handler(Class<P> type, BiFunction<McpAsyncServerExchange, P, R> body) {
        return (exchange, params) -> run(() -> body.apply(exchange, params == null ? newEmpty(type)
                : mapper.convertValue(params, type)));
    }

    private <T> Mono<T> run(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(blocking);
    }

    private static <P> P newEmpty(Class<P> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Missing params").build();
        }
    }

    @Override
    public void destroy() {
        blocking.dispose();
    }
}
