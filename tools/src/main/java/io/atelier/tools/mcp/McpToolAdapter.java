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
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ToolCaller;
import io.atelier.tools.ToolException;
import io.atelier.tools.ToolResults.GenerationResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@link AtelierTools} as MCP tools: names, descriptions and input schemas are LangChain4j's
 * {@link ToolSpecification}s of the same methods, and calls run through LangChain4j's
 * {@link DefaultToolExecutor} (same argument parsing), so the LLM-facing definition has one source.
 *
 * <p>Results: the tool's JSON as text; for a generation with images, each image also as
 * {@link ImageContent} (base64, at most {@value #MAX_INLINE_IMAGES}, each at most
 * {@value #MAX_INLINE_BYTES} bytes) and as a {@link ResourceLink} to its URL. Errors are
 * {@code isError} results whose text says what to do next.
 */
@Component
public class McpToolAdapter {

    static final int MAX_INLINE_IMAGES = 4;
    static final int MAX_INLINE_BYTES = 8 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(McpToolAdapter.class);

    private final AtelierTools tools;
    private final ImageStore store;
    private final ImageUrls urls;

    McpToolAdapter(AtelierTools tools, ImageStore store, ImageUrls urls) {
        this.tools = tools;
        this.store = store;
        this.urls = urls;
    }

    /** The tool methods in a stable order (by tool name). */
    static List<Method> toolMethods() {
        return Arrays.stream(AtelierTools.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Tool.class))
                .sorted(Comparator.comparing(m -> ToolSpecifications.toolSpecificationFrom(m).name()))
                .toList();
    }

    /** The JSON schema of a tool's arguments as MCP wants it: always an object schema. */
    static Map<String, Object> inputSchema(ToolSpecification specification) {
        JsonObjectSchema parameters = specification.parameters();
        if (parameters == null) {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("type", "object");
            empty.put("properties", Map.of());
            return empty;
        }
        return JsonSchemaElementUtils.toMap(parameters);
    }

    /**
     * One MCP tool per Atelier tool.
     *
     * @param callers who is calling, from the exchange (the HTTP request's key, or stdio's configured key);
     *                throws {@link ToolException} when there is none
     */
    public List<SyncToolSpecification> specifications(McpJsonMapper mapper, Function<McpSyncServerExchange, ToolCaller> callers) {
        List<SyncToolSpecification> specifications = new ArrayList<>();
        for (Method method : toolMethods()) {
            ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
            DefaultToolExecutor executor = new DefaultToolExecutor(tools, method);
            McpSchema.Tool tool;
            try {
                tool = McpSchema.Tool.builder()
                        .name(spec.name())
                        .description(spec.description())
                        .inputSchema(mapper, mapper.writeValueAsString(inputSchema(spec)))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            specifications.add(SyncToolSpecification.builder()
                    .tool(tool)
                    .callHandler((exchange, request) -> call(mapper, spec.name(), executor, callers, exchange, request.arguments()))
                    .build());
        }
        return specifications;
    }

    private CallToolResult call(McpJsonMapper mapper, String name, DefaultToolExecutor executor,
                                Function<McpSyncServerExchange, ToolCaller> callers, McpSyncServerExchange exchange,
                                Map<String, Object> arguments) {
        try {
            ToolCaller who = callers.apply(exchange);
            ToolExecutionRequest request = ToolExecutionRequest.builder()
                    .id(UUID.randomUUID().toString())
                    .name(name)
                    .arguments(mapper.writeValueAsString(arguments == null ? Map.of() : arguments))
                    .build();
            InvocationContext context = InvocationContext.builder()
                    .invocationId(UUID.randomUUID())
                    .interfaceName("mcp")
                    .methodName(name)
                    .invocationParameters(ToolCaller.parameters(who.caller(), who.source()))
                    .timestampNow()
                    .build();
            ToolExecutionResult result = executor.executeWithContext(request, context);
            if (result.isError()) {
                // LangChain4j reports the tool's exception as an error result with the exception's message.
                return CallToolResult.builder().addTextContent(result.resultText()).isError(true).build();
            }
            List<Content> content = new ArrayList<>();
            content.add(new TextContent(result.resultText()));
            if (result.result() instanceof GenerationResult generation && !generation.images().isEmpty()) {
                content.addAll(images(who, generation.id()));
            }
            return CallToolResult.builder().content(content).isError(false).build();
        } catch (Exception e) {
            return CallToolResult.builder().addTextContent(message(e)).isError(true).build();
        }
    }

    private List<Content> images(ToolCaller who, String generationId) {
        List<Content> content = new ArrayList<>();
        List<StoredImage> images = tools.images(who, generationId);
        for (int i = 0; i < images.size(); i++) {
            StoredImage image = images.get(i);
            if (i < MAX_INLINE_IMAGES && image.fileSize() <= MAX_INLINE_BYTES) {
                bytes(image).ifPresent(b -> content.add(new ImageContent(null, Base64.getEncoder().encodeToString(b),
                        image.mimeType())));
            }
            content.add(ResourceLink.builder()
                    .name("image-" + image.index() + "." + image.extension())
                    .title("Image " + (image.index() + 1) + " of generation " + generationId)
                    .uri(urls.urlFor(image))
                    .mimeType(image.mimeType())
                    .size(image.fileSize())
                    .build());
        }
        return content;
    }

    private Optional<byte[]> bytes(StoredImage image) {
        try {
            Optional<InputStream> in = store.open(image.contentHash());
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                return Optional.of(stream.readAllBytes());
            }
        } catch (IOException e) {
            log.warn("could not read image {} for an MCP result", image.id(), e);
            return Optional.empty();
        }
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
