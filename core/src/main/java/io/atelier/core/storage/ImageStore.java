package io.atelier.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Content-addressed blob storage for image bytes: the key is the SHA-256 of the content, so
 * storing the same image twice keeps one copy and a retried job cannot leave two.
 * Implementations: the filesystem under the data directory (embedded default), S3 (scale-out).
 *
 * <p>Writes are atomic: a reader sees the whole blob or none.
 */
public interface ImageStore {

    /** Stores the bytes (idempotent) and returns their content hash. */
    String put(byte[] bytes) throws IOException;

    /**
     * Opens a writer for a blob whose content is not known yet (an image streamed from a provider's
     * answer): its bytes are hashed as they are written and {@link BlobWriter#commit()} stores them
     * under that hash. The default buffers the blob and calls {@link #put}; stores that can write
     * without holding the blob in memory override it.
     */
    default BlobWriter openWriter() throws IOException {
        return new BlobWriter.Buffered(this);
    }

    /** Opens a blob for reading; empty when absent. The caller closes the stream. */
    Optional<InputStream> open(String contentHash) throws IOException;

    /** Removes a blob; absent blobs are ignored. */
    void delete(String contentHash) throws IOException;

    boolean exists(String contentHash);

    /**
     * A URL from which a client can download the blob directly, bypassing this service (a presigned
     * S3 GET), or empty when the bytes are served through {@code /files/}. The URL is valid for a
     * limited time; the download answers with {@code mimeType} and an inline {@code fileName}.
     */
    default Optional<URI> directDownloadUrl(String contentHash, String mimeType, String fileName) {
        return Optional.empty();
    }
}
