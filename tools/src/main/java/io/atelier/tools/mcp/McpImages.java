package io.atelier.tools.mcp;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.StoredImage;
import io.atelier.tools.ImageLinks;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A generation's images as MCP content: each inline ({@link ImageContent}, base64, at most
 * {@value #MAX_INLINE_IMAGES}, each at most {@value #MAX_INLINE_BYTES} bytes) and as a
 * {@link ResourceLink}: to the absolute URL when the server has a public base URL, else to the
 * resource {@code atelier://images/{id}} that {@code resources/read} serves.
 */
@Component
class McpImages {

    static final int MAX_INLINE_IMAGES = 4;
    static final int MAX_INLINE_BYTES = 8 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(McpImages.class);

    private final GenerationService generations;
    private final ImageLinks links;

    McpImages(GenerationService generations, ImageLinks links) {
        this.generations = generations;
        this.links = links;
    }

    List<Content> content(Generation generation) {
        List<Content> content = new ArrayList<>();
        List<StoredImage> images = generation.outcome().images();
        for (int i = 0; i < images.size(); i++) {
            StoredImage image = images.get(i);
            if (i < MAX_INLINE_IMAGES && image.fileSize() <= MAX_INLINE_BYTES) {
                bytes(image).ifPresent(b -> content.add(new ImageContent(null, Base64.getEncoder().encodeToString(b),
                        image.mimeType())));
            }
            content.add(ResourceLink.builder()
                    .name("image-" + image.index() + "." + image.extension())
                    .title("Image " + (image.index() + 1) + " of generation " + generation.id())
                    .uri(links.absoluteUrl(image).orElse(ImageLinks.resourceUri(image)))
                    .mimeType(image.mimeType())
                    .size(image.fileSize())
                    .build());
        }
        return content;
    }

    /** The image's bytes, or empty when its blob is gone. */
    Optional<byte[]> bytes(StoredImage image) {
        try {
            Optional<InputStream> in = generations.openImage(image);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                return Optional.of(stream.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not read image {} for MCP", image.id(), e);
            return Optional.empty();
        }
    }
}
