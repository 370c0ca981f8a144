package io.atelier.core.storage;

import java.time.Instant;

/**
 * An output image of a generation.
 *
 * @param id            UUID, the image id of the APIs
 * @param generationId  the generation that produced it
 * @param teamId        owner
 * @param index         position in the generation's output, from 0
 * @param contentHash   SHA-256 of the bytes: the {@link ImageStore} key and the ETag
 * @param urlToken      unguessable (192-bit) token of the image's public URL
 * @param mimeType      media type
 * @param width         pixels
 * @param height        pixels
 * @param fileSize      bytes
 * @param revisedPrompt the prompt the provider reports having used, or null
 * @param createdAt     when stored
 */
public record StoredImage(
        String id,
        String generationId,
        String teamId,
        int index,
        String contentHash,
        String urlToken,
        String mimeType,
        int width,
        int height,
        long fileSize,
        String revisedPrompt,
        Instant createdAt) {

    /** File name extension for the media type, used in URLs so clients save sensible names. */
    public String extension() {
        return switch (mimeType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            case "image/gif" -> "gif";
            default -> "png";
        };
    }
}
