package io.atelier.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.common.AtelierProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemImageStoreTest {

    @TempDir
    Path dir;

    private FileSystemImageStore store() throws IOException {
        return new FileSystemImageStore(new AtelierProperties(dir, null, null, 0));
    }

    @Test
    void storesByContentHashOnceAndReadsBack() throws IOException {
        FileSystemImageStore store = store();
        byte[] bytes = "pretend png".getBytes(StandardCharsets.UTF_8);
        String hash = store.put(bytes);
        assertThat(hash).isEqualTo(ContentHash.of(bytes)).hasSize(64);
        assertThat(store.put(bytes)).isEqualTo(hash);
        try (InputStream in = store.open(hash).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("images"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo(hash));
        }
    }

    @Test
    void deleteRemovesAndAbsentBlobsAreEmpty() throws IOException {
        FileSystemImageStore store = store();
        String hash = store.put(new byte[] {1, 2, 3});
        store.delete(hash);
        assertThat(store.exists(hash)).isFalse();
        assertThat(store.open(hash)).isEmpty();
        store.delete(hash);
    }

    @Test
    void rejectsAnythingButAHashAsAKey() throws IOException {
        FileSystemImageStore store = store();
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("ABC")).isInstanceOf(IllegalArgumentException.class);
    }
}
