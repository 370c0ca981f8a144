package io.atelier.tools.mcp;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ToolCaller;
import io.atelier.tools.ToolException;
import io.atelier.tools.ToolProgress;
import io.atelier.tools.ToolResults.GenerationResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@link AtelierTools} as MCP tools: names, descriptions and argument schemas are LangChain4j's
 * {@link ToolSpecification}s of the same methods (enriched per caller by {@link McpToolSchemas}),
 * titles and behaviour hints come from each {@code @Tool}'s metadata, and calls run through
 * LangChain4j's {@link DefaultToolExecutor} (same argument parsing), so the definition has one source.
 *
 * <p>Results carry the tool's JSON as {@code structuredContent} (matching the {@code outputSchema})
 * and as text; a generation's images also come inline and as links ({@link McpImages}). Errors are
 * {@code isError} results whose text says what to do next.
 */
@Component
class McpToolAdapter {

    private static final Logger log = LoggerFactory.getLogger(McpToolAdapter.class);

    /** One tool, resolved once. */
    record Definition(String name, ToolSpecification specification, DefaultToolExecutor executor, Class<?> resultType,
                      Map<String, Object> outputSchema) {
    }

    private final AtelierTools tools;
    private final McpToolSchemas schemas;
    private final McpImages images;
    private final McpToolCalls calls;
    private final List<Definition> definitions;

    McpToolAdapter(AtelierTools tools, McpToolSchemas schemas, McpImages images, McpToolCalls calls) {
        this.tools = tools;
        this.schemas = schemas;
        this.images = images;
        this.calls = calls;
        this.definitions = toolMethods().stream().map(m -> new Definition(ToolSpecifications.toolSpecificationFrom(m).name(),
                ToolSpecifications.toolSpecificationFrom(m), new DefaultToolExecutor(tools, m), m.getReturnType(),
                McpOutputSchemas.of(m.getReturnType()))).toList();
    }

    /** The tool methods in a stable order (by tool name). */
    static List<Method> toolMethods() {
        return Arrays.stream(AtelierTools.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Tool.class))
                .sorted(Comparator.comparing(m -> ToolSpecifications.toolSpecificationFrom(m).name()))
                .toList();
    }

    /** The JSON schema of a tool's arguments as LangChain4j describes them: always an object schema. */
    static Map<String, Object> inputSchema(ToolSpecification specification) {
        JsonObjectSchema parameters = specification.parameters();
        if (parameters == null) {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("type", "object");
            empty.put("properties", new LinkedHashMap<>());
            return empty;
        }
        return JsonSchemaElementUtils.toMap(parameters);
    }

    /** tools/list for this caller: the enums (models, the team's templates) are the caller's. */
    List<McpSchema.Tool> list(ToolCaller who) {
        List<McpSchema.Tool> list = new ArrayList<>();
        for (Definition d : definitions) {
            Map<String, Object> meta = d.specification().metadata();
            list.add(McpSchema.Tool.builder()
                    .name(d.name())
                    .title(meta.get("title") instanceof String t ? t : null)
                    .description(d.specification().description())
                    .inputSchema(schemas.inputSchema(d.name(), inputSchema(d.specification()), who))
                    .outputSchema(d.outputSchema())
                    .annotations(new McpSchema.ToolAnnotations(meta.get("title") instanceof String t ? t : null,
                            bool(meta, "readOnlyHint"), bool(meta, "destructiveHint"), bool(meta, "idempotentHint"),
                            bool(meta, "openWorldHint"), null))
                    .build());
        }
        return list;
    }

    /**
     * Runs one tools/call. Blocks up to the tool's wait; with a progress token in the request, sends
     * {@code notifications/progress} on the request's stream at every step of the wait.
     */
    CallToolResult call(McpAsyncServerExchange exchange, McpJsonMapper mapper, McpSchema.CallToolRequest request) {
        Definition definition = definitions.stream().filter(d -> d.name().equals(request.name())).findFirst().orElse(null);
        if (definition == null) {
            return error("Unknown tool '" + request.name() + "'. Call tools/list to see the available ones.");
        }
        ToolCaller who = McpRequestContext.caller(exchange);
        Object progressToken = request.meta() == null ? null : request.meta().get("progressToken");
        String requestId = McpRequestContext.requestId(exchange);
        try {
            String argumentError = schemas.unknownArgument(definition.name(), inputSchema(definition.specification()),
                    request.arguments());
            if (argumentError != null) {
                return error(argumentError);
            }
            ToolProgress progress = new McpProgress(exchange, progressToken, calls, exchange.sessionId(), requestId);
            ToolExecutionRequest execution = ToolExecutionRequest.builder()
                    .id(UUID.randomUUID().toString())
                    .name(definition.name())
                    .arguments(mapper.writeValueAsString(request.arguments() == null ? Map.of() : request.arguments()))
                    .build();
            InvocationContext context = InvocationContext.builder()
                    .invocationId(UUID.randomUUID())
                    .interfaceName("mcp")
                    .methodName(definition.name())
                    .invocationParameters(ToolCaller.parameters(who.caller(), who.source(), progress))
                    .timestampNow()
                    .build();
            ToolExecutionResult result = definition.executor().executeWithContext(execution, context);
            if (result.isError()) {
                // LangChain4j reports the tool's exception as an error result with the exception's message.
                return error(result.resultText());
            }
            Object value = result.result();
            Map<String, Object> structured = mapper.convertValue(value, new TypeRef<Map<String, Object>>() {
            });
            List<Content> content = new ArrayList<>();
            content.add(new TextContent(mapper.writeValueAsString(value)));
            if (value instanceof GenerationResult generation && !generation.images().isEmpty()) {
                tools.findGeneration(who, generation.id()).ifPresent(g -> content.addAll(images.content(g)));
            }
            return CallToolResult.builder().content(content).structuredContent(structured).isError(false).build();
        } catch (Exception e) {
            return error(message(e));
        } finally {
            calls.ended(exchange.sessionId(), requestId);
        }
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static Boolean bool(Map<String, Object> meta, String key) {
        return meta.get(key) instanceof Boolean b ? b : null;
    }

    /** The actionable message of a failed call: the tool's own, or LangChain4j's about bad arguments. */
    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ToolException tool) {
                return tool.getMessage();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException bad && bad.getMessage() != null) {
                return "Invalid arguments: " + bad.getMessage() + ". Check the tool's input schema.";
            }
        }
        log.error("MCP tool call failed unexpectedly", e);
        return "Atelier failed with an internal error (it was logged). Try again later.";
    }
}
