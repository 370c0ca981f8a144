package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: the README stays short, every page under {@code docs/} is
 * linked from {@code docs/index.md}, and every relative link of the README and the pages points at a
 * file that exists.
 */
class DocumentationTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static List<Path> pages() {
        try (Stream<Path> files = Files.walk(repositoryRoot().resolve("docs"))) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readmeFitsOnAFewScreens() throws IOException {
        assertThat(Files.readAllLines(repositoryRoot().resolve("README.md"))).hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void indexLinksEveryPage() {
        Path docs = repositoryRoot().resolve("docs");
        String index = read(docs.resolve("index.md"));
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            String relative = docs.relativize(page).toString().replace('\\', '/');
            if (!relative.equals("index.md") && !index.contains("(" + relative + ")")) {
                missing.add(relative);
            }
        }
        assertThat(missing).as("pages not linked from docs/index.md").isEmpty();
    }

    @Test
    void relativeLinksResolve() {
        List<Path> files = new ArrayList<>(pages());
        files.add(repositoryRoot().resolve("README.md"));
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            Matcher m = LINK.matcher(read(file));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                String path = target.replaceAll("#.*$", "");
                if (!Files.exists(file.getParent().resolve(path).normalize())) {
                    broken.add(repositoryRoot().relativize(file) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("relative links to files that do not exist").isEmpty();
    }
}
