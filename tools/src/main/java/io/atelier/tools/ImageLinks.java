package io.atelier.tools;

import io.atelier.core.storage.StoredImage;
import java.util.Optional;

/**
 * Where an agent can fetch an image, if anywhere: an absolute URL on a base that is known to reach
 * this deployment, or none. Without one, surfaces hand images over inline and as MCP resources
 * ({@value #RESOURCE_PREFIX}{id}); they never invent a {@code localhost} link to a server that
 * may not be running (stdio, chat bots, background work).
 */
public interface ImageLinks {

    String RESOURCE_PREFIX = "atelier://images/";

    /** The absolute URL of the image's bytes, when a trusted public base exists. */
    Optional<String> absoluteUrl(StoredImage image);

    /** The image's MCP resource URI; readable with {@code resources/read} by the owning team. */
    static String resourceUri(StoredImage image) {
        return RESOURCE_PREFIX + image.id();
    }
}
