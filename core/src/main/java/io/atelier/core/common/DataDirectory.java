package io.atelier.core.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds the embedded database, the images and the admin key: it is created
 * owner-only (0700), and files in it are made owner-only (0600). On file systems without POSIX
 * permissions (Windows) the defaults stay.
 */
public final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the directory (and missing parents) with mode 0700; an existing one is set to 0700. */
    public static Path createPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
                return dir;
            }
        }
        restrict(dir, OWNER_DIRECTORY);
        return dir;
    }

    /** Sets a file to 0600 when it exists. */
    public static void restrictFile(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            restrict(file, OWNER_FILE);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions here
        }
    }
}
