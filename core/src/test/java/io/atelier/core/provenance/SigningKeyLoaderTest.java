package io.atelier.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server key: created once with mode 0600, reused on every later start, shared by instances. */
class SigningKeyLoaderTest {

    @TempDir
    Path dataDir;

    private static ProvenanceProperties defaults() {
        return new ProvenanceProperties(null, null);
    }

    @Test
    void theFirstStartCreatesAPrivateKeyFileAndLaterStartsReuseIt() throws Exception {
        SigningKeyLoader.Loaded first = SigningKeyLoader.load(defaults(), dataDir);
        Path file = dataDir.resolve("provenance-ed25519.pem");

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file);
        assertThat(content).contains("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
        assertThat(first.origin()).contains("(new)");

        SigningKeyLoader.Loaded second = SigningKeyLoader.load(defaults(), dataDir);
        assertThat(second.key().keyId()).isEqualTo(first.key().keyId());
        assertThat(second.key().privateKey().getEncoded()).isEqualTo(first.key().privateKey().getEncoded());
        assertThat(second.origin()).doesNotContain("(new)");
        assertThat(Files.readString(file)).isEqualTo(content);
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("provenance-ed25519.pem");
        }
    }

    @Test
    void instancesStartingTogetherEndUpWithOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> starts = IntStream.range(0, 8)
                    .<Callable<String>>mapToObj(i -> () -> SigningKeyLoader.load(defaults(), dataDir).key().keyId()).toList();
            List<String> ids = pool.invokeAll(starts).stream().map(SigningKeyLoaderTest::get).distinct().toList();
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aConfiguredKeyFileIsUsedAndItsDirectoryCreated() {
        Path file = dataDir.resolve("keys/nested/server.pem");
        SigningKeyLoader.Loaded loaded = SigningKeyLoader.load(new ProvenanceProperties(file, null), dataDir);

        assertThat(file).exists();
        assertThat(dataDir.resolve("provenance-ed25519.pem")).doesNotExist();
        assertThat(SigningKeyLoader.load(new ProvenanceProperties(file, null), dataDir).key().keyId()).isEqualTo(loaded.key().keyId());
    }

    @Test
    void aKeyGivenByPropertyWinsAndNoFileIsWritten() {
        KeyPair pair = Ed25519Keys.generate();
        String onlyPrivate = Ed25519Keys.pem(pair.getPrivate());

        SigningKeyLoader.Loaded fromPem = SigningKeyLoader.load(new ProvenanceProperties(null, onlyPrivate), dataDir);
        assertThat(fromPem.key().publicKey()).isEqualTo(pair.getPublic());
        assertThat(fromPem.key().keyId()).isEqualTo(Ed25519Keys.keyId(pair.getPublic()));
        assertThat(fromPem.origin()).isEqualTo("atelier.provenance.private-key");
        assertThat(dataDir.resolve("provenance-ed25519.pem")).doesNotExist();

        String bare = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        assertThat(SigningKeyLoader.load(new ProvenanceProperties(null, bare), dataDir).key().keyId())
                .isEqualTo(fromPem.key().keyId());
    }

    @Test
    void aFileWithOnlyThePrivateBlockWorksAsOpensslWritesIt() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        Path file = dataDir.resolve("provenance-ed25519.pem");
        Files.writeString(file, Ed25519Keys.pem(pair.getPrivate()), StandardCharsets.US_ASCII);

        assertThat(SigningKeyLoader.load(defaults(), dataDir).key().publicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void unusableKeysStopTheStartWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> SigningKeyLoader.load(new ProvenanceProperties(null, "not a key"), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("atelier.provenance.private-key");

        Path file = dataDir.resolve("provenance-ed25519.pem");
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> SigningKeyLoader.load(defaults(), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());

        Files.writeString(file, Ed25519Keys.pem(Ed25519Keys.generate().getPrivate()) + Ed25519Keys.pem(Ed25519Keys.generate().getPublic()));
        assertThatThrownBy(() -> SigningKeyLoader.load(defaults(), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not belong");
    }

    @Test
    void theKeyNeverAppearsInToString() {
        String pem = Ed25519Keys.pem(Ed25519Keys.generate().getPrivate());
        assertThat(new ProvenanceProperties(null, pem).toString()).doesNotContain("PRIVATE").contains("****");
        assertThat(SigningKeyLoader.load(new ProvenanceProperties(null, pem), dataDir).key().toString()).doesNotContain("PRIVATE");
    }
}
