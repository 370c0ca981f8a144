package io.atelier.core.storage;

import io.atelier.core.common.AtelierProperties;
import java.io.BufferedOutputStream;
import io.atelier.core.common.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Images on the local filesystem: {@code <data-dir>/images/ab/cd/<sha256>}. Each blob is written to
 * a temporary file in {@code <data-dir>/images-incoming} and moved into place atomically, so a crash
 * mid-write leaves at most a stray temporary file (removed at the next start once an hour old),
 * never a truncated image.
 *
 * <p>The embedded default: off when S3 storage is configured ({@link ObjectStorageCondition}).
 */
@Component
@Conditional(ObjectStorageCondition.FileSystem.class)
class FileSystemImageStore implements ImageStore {

    /** Temporary files older than this at start-up were left by a crash mid-write. */
    private static final Duration STALE_INCOMING = Duration.ofHours(1);

    private final Path root;
    /** Blobs being streamed in, beside {@code root} (same file system, so moves are atomic). */
    private final Path incoming;

    FileSystemImageStore(AtelierProperties properties) throws IOException {
        this.root = properties.dataDir().resolve("images").toAbsolutePath().normalize();
        this.incoming = root.resolveSibling("images-incoming");
        DataDirectory.createPrivate(root);
        DataDirectory.createPrivate(incoming);
        removeStaleIncoming();
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return new FileBlobWriter(Files.createTempFile(incoming, "blob-", ".tmp"));
    }

    /** Streams into a temporary file, then moves it to the hash's place (or drops it when that exists). */
    private final class FileBlobWriter extends BlobWriter {
        private final Path temp;
        private final OutputStream out;

        FileBlobWriter(Path temp) throws IOException {
            this.temp = temp;
            this.out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024);
        }

        @Override
        protected void sink(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        protected void store(String contentHash) throws IOException {
            out.close();
            try {
                moveIntoPlace(temp, pathOf(contentHash));
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        @Override
        protected void discard() throws IOException {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void removeStaleIncoming() throws IOException {
        Instant cutoff = Instant.now().minus(STALE_INCOMING);
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String hash = ContentHash.of(bytes);
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return hash;
        }
        Path temp = Files.createTempFile(incoming, "blob-", ".tmp");
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return hash;
    }

    /**
     * Moves a complete temporary file to its blob path; a blob already there has the same content.
     * Temporary files are created 0600 and keep their mode when moved.
     */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target.getParent())) {
            DataDirectory.createPrivate(target.getParent());
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        } catch (FileAlreadyExistsException concurrentWriterWon) {
            // Same content by definition: nothing to do.
        }
    }

    @Override
    public Optional<InputStream> open(String contentHash) throws IOException {
        try {
            return Optional.of(Files.newInputStream(pathOf(contentHash)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String contentHash) throws IOException {
        Files.deleteIfExists(pathOf(contentHash));
    }

    @Override
    public boolean exists(String contentHash) {
        return Files.exists(pathOf(contentHash));
    }

    private Path pathOf(String hash) {
        if (!ContentHash.isValid(hash)) {
            throw new IllegalArgumentException("not a content hash: " + hash);
        }
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }
}
