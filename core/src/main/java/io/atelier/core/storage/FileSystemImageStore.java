package io.atelier.core.storage;

import io.atelier.core.common.AtelierProperties;
import io.atelier.core.common.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Images on the local filesystem: {@code <data-dir>/images/ab/cd/<sha256>}. Each blob is written to
 * a temporary file in the same directory and moved into place atomically, so a crash mid-write
 * leaves at most a stray temporary file, never a truncated image.
 *
 * <p>The embedded default: off when S3 storage is configured ({@link ObjectStorageCondition}).
 */
@Component
@Conditional(ObjectStorageCondition.FileSystem.class)
class FileSystemImageStore implements ImageStore {

    private final Path root;

    FileSystemImageStore(AtelierProperties properties) throws IOException {
        this.root = properties.dataDir().resolve("images").toAbsolutePath().normalize();
        DataDirectory.createPrivate(root);
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String hash = ContentHash.of(bytes);
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return hash;
        }
        DataDirectory.createPrivate(target.getParent());
        // A temporary file is created 0600, and keeps its mode when moved into place.
        Path temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException concurrentWriterWon) {
                // Same content by definition: nothing to do.
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return hash;
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
