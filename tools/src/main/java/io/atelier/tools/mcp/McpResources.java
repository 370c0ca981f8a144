package io.atelier.tools.mcp;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.StoredImage;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ImageLinks;
import io.atelier.tools.ToolCaller;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The team's generations ({@value #GENERATIONS}{id}, JSON as {@code get_generation} shows it) and
 * images ({@value ImageLinks#RESOURCE_PREFIX}{id}, the bytes) as MCP resources: listed newest first
 * in pages, described by two templates, readable, and subscribable (a generation's subscribers hear
 * {@code notifications/resources/updated} when it ends, see {@link McpSubscriptions}).
 */
@Component
class McpResources {

    static final String GENERATIONS = "atelier://generations/";
    static final int PAGE = 25;
    static final int RESOURCE_NOT_FOUND = -32002;

    private final GenerationService generations;
    private final AtelierTools tools;
    private final McpImages images;
    private final McpSessionStore store;

    McpResources(GenerationService generations, AtelierTools tools, McpImages images, McpSessionStore store) {
        this.generations = generations;
        this.tools = tools;
        this.images = images;
        this.store = store;
    }

    static List<ResourceTemplate> templates() {
        return List.of(
                ResourceTemplate.builder().uriTemplate(GENERATIONS + "{id}").name("generation").title("Generation")
                        .description("A generation's status, prompt, progress and images, as get_generation returns it")
                        .mimeType("application/json").build(),
                ResourceTemplate.builder().uriTemplate(ImageLinks.RESOURCE_PREFIX + "{id}").name("image").title("Image")
                        .description("The bytes of a generated image").mimeType("image/png").build());
    }

    McpSchema.ListResourcesResult list(ToolCaller who, String cursor) {
        int offset = offset(cursor);
        GenerationService.Page page = generations.list(who.caller(), null, PAGE, offset);
        List<Resource> resources = new ArrayList<>();
        for (Generation g : page.items()) {
            resources.add(Resource.builder().uri(GENERATIONS + g.id()).name("generation-" + g.id())
                    .title(title(g)).description("Generation " + g.id() + " (" + status(g) + ")")
                    .mimeType("application/json").build());
            for (StoredImage image : g.outcome().images()) {
                resources.add(Resource.builder().uri(ImageLinks.resourceUri(image))
                        .name("image-" + image.id() + "." + image.extension())
                        .title("Image " + (image.index() + 1) + " of \"" + shorten(g.asked().originalPrompt()) + "\"")
                        .mimeType(image.mimeType()).size(image.fileSize()).build());
            }
        }
        String next = page.hasMore() ? Integer.toString(offset + page.items().size()) : null;
        return new McpSchema.ListResourcesResult(resources, next);
    }

    ReadResourceResult read(ToolCaller who, McpJsonMapper mapper, String uri) {
        if (uri != null && uri.startsWith(GENERATIONS)) {
            Generation g = generation(who, uri);
            try {
                return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json",
                        mapper.writeValueAsString(tools.describe(g)))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (uri != null && uri.startsWith(ImageLinks.RESOURCE_PREFIX)) {
            StoredImage image = image(who, uri);
            byte[] bytes = images.bytes(image).orElseThrow(() -> notFound(uri, "its bytes are no longer stored"));
            return new ReadResourceResult(List.of(new BlobResourceContents(uri, image.mimeType(),
                    Base64.getEncoder().encodeToString(bytes))));
        }
        throw notFound(uri, "Atelier's resources are " + GENERATIONS + "{id} and " + ImageLinks.RESOURCE_PREFIX + "{id}");
    }

    void subscribe(ToolCaller who, String sessionId, String uri) {
        if (uri != null && uri.startsWith(GENERATIONS)) {
            Generation g = generation(who, uri);
            store.subscribe(sessionId, uri, g.id(), g.status().isTerminal());
        } else if (uri != null && uri.startsWith(ImageLinks.RESOURCE_PREFIX)) {
            image(who, uri);
            store.subscribe(sessionId, uri, null, true); // images never change
        } else {
            throw notFound(uri, "only " + GENERATIONS + "{id} and " + ImageLinks.RESOURCE_PREFIX + "{id} can be subscribed to");
        }
    }

    void unsubscribe(String sessionId, String uri) {
        store.unsubscribe(sessionId, uri);
    }

    private Generation generation(ToolCaller who, String uri) {
        String id = uri.substring(GENERATIONS.length());
        return generations.find(who.caller(), id).orElseThrow(() -> notFound(uri, "no generation of this team has that id"));
    }

    private StoredImage image(ToolCaller who, String uri) {
        String id = uri.substring(ImageLinks.RESOURCE_PREFIX.length());
        return generations.findImage(who.caller(), id).map(GenerationService.GeneratedImage::image)
                .orElseThrow(() -> notFound(uri, "no image of this team has that id"));
    }

    static McpError notFound(String uri, String why) {
        return McpError.builder(RESOURCE_NOT_FOUND).message("Resource not found: " + uri + " (" + why + ")")
                .data(Map.of("uri", String.valueOf(uri))).build();
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Invalid cursor '" + cursor
                + "': pass the nextCursor of the previous page").build();
    }

    private static String title(Generation g) {
        return "\"" + shorten(g.asked().originalPrompt()) + "\" (" + status(g) + ")";
    }

    private static String status(Generation g) {
        return g.status().name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
