package io.atelier.core.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the server's signing key: the configured {@code private-key}, else the key file, else a
 * new key written to the key file (mode 0600). Never logs key material.
 *
 * <p>The key file holds a PKCS#8 {@code PRIVATE KEY} PEM block followed by the matching X.509
 * {@code PUBLIC KEY} block. A file with only the private block (e.g. from
 * {@code openssl genpkey -algorithm ed25519 -out provenance-ed25519.pem}) is accepted too.
 */
final class SigningKeyLoader {

    static final String DEFAULT_FILE_NAME = "provenance-ed25519.pem";
    private static final Logger log = LoggerFactory.getLogger(SigningKeyLoader.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    /** The key and where it came from, for the start-up log. */
    record Loaded(SigningKey key, String origin) {
    }

    private SigningKeyLoader() {
    }

    static Path keyFile(ProvenanceProperties properties, Path dataDir) {
        Path file = properties.keyFile() != null && !properties.keyFile().toString().isBlank()
                ? properties.keyFile() : dataDir.resolve(DEFAULT_FILE_NAME);
        return file.toAbsolutePath().normalize();
    }

    static Loaded load(ProvenanceProperties properties, Path dataDir) {
        if (properties.hasPrivateKey()) {
            try {
                return new Loaded(fromText(properties.privateKey()), "atelier.provenance.private-key");
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalStateException("atelier.provenance.private-key is unusable: " + e.getMessage(), e);
            }
        }
        Path file = keyFile(properties, dataDir);
        try {
            if (Files.exists(file)) {
                return new Loaded(readFile(file), file.toString());
            }
            return create(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the provenance key file " + file, e);
        }
    }

    /** A key from PEM text: the private block, and the public block when present (which must match). */
    static SigningKey fromText(String text) {
        PrivateKey privateKey = Ed25519Keys.parsePrivate(text);
        PublicKey publicKey = Ed25519Keys.parsePublicIfPresent(text);
        if (publicKey == null) {
            publicKey = Ed25519Keys.pairOf(privateKey).getPublic();
        } else if (!Ed25519Keys.matches(privateKey, publicKey)) {
            throw new IllegalArgumentException("the PUBLIC KEY block does not belong to the PRIVATE KEY block");
        }
        return SigningKey.of(privateKey, publicKey);
    }

    private static SigningKey readFile(Path file) throws IOException {
        warnIfReadableByOthers(file);
        try {
            return fromText(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("the provenance key file " + file + " is unusable: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new key pair to a private temporary file next to the target, then hard-links it into
     * place: the link fails if another instance created the file first, and then that key is used.
     */
    private static Loaded create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        KeyPair pair = Ed25519Keys.generate();
        String text = Ed25519Keys.pem(pair.getPrivate()) + Ed25519Keys.pem(pair.getPublic());
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(file.getParent(), ".provenance-key-", ".tmp", attributes);
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException anotherInstanceWon) {
                return new Loaded(readFile(file), file.toString());
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                if (Files.exists(file)) {
                    return new Loaded(readFile(file), file.toString());
                }
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        SigningKey key = SigningKey.of(pair.getPrivate(), pair.getPublic());
        log.info("provenance: generated a new Ed25519 signing key {} in {}", key.keyId(), file);
        return new Loaded(key, file + " (new)");
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view != null && !OWNER_ONLY.containsAll(view.readAttributes().permissions())) {
                log.warn("provenance: the signing key file {} is accessible to other users; run chmod 600 on it", file);
            }
        } catch (IOException e) {
            log.warn("provenance: could not read the permissions of {}", file);
        }
    }
}
