package io.atelier.core.provider;

import java.util.Objects;

/**
 * One entry of the model catalog.
 *
 * @param id           {@code provider/name}, e.g. {@code local/preview}
 * @param provider     provider id
 * @param name         model name as the provider knows it (sent upstream)
 * @param displayName  human-friendly name
 * @param description  one line for catalogs and chat autocompletion
 * @param capabilities what the model can do
 * @param promptLimit  maximum prompt length in characters
 * @param creditCost   credits charged per output image
 */
public record ModelDescriptor(
        String id,
        String provider,
        String name,
        String displayName,
        String description,
        ModelCapabilities capabilities,
        int promptLimit,
        int creditCost) {

    public ModelDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(capabilities, "capabilities");
        if (!id.equals(provider + "/" + name)) {
            throw new IllegalArgumentException("model id must be provider/name: " + id);
        }
        if (promptLimit <= 0) {
            throw new IllegalArgumentException("promptLimit must be positive: " + promptLimit);
        }
        if (creditCost < 0) {
            throw new IllegalArgumentException("creditCost must not be negative: " + creditCost);
        }
    }
}
