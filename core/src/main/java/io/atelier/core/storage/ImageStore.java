package io.atelier.core.storage;

import java.io.IOException;
import java.io.InputStream;
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

    /** Opens a blob for reading; empty when absent. The caller closes the stream. */
    Optional<InputStream> open(String contentHash) throws IOException;

    /** Removes a blob; absent blobs are ignored. */
    void delete(String contentHash) throws IOException;

    boolean exists(String contentHash);
}
