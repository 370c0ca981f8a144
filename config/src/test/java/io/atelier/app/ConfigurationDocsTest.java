package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is generated from the configuration metadata that
 * {@code spring-boot-configuration-processor} writes for every {@code @ConfigurationProperties} class
 * (the same file IDEs complete from). This test fails when the page and the metadata differ, and says
 * how to regenerate it; with {@code -Datelier.docs.write=true} it rewrites the page instead.
 */
class ConfigurationDocsTest {

    static final String REGENERATE = "./mvnw -q -pl config -am test -Dtest=ConfigurationDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Datelier.docs.write=true";

    static String render(Map<String, ConfigurationMetadata.Property> properties) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("Every `atelier.*` setting, generated from the configuration metadata of the code (the file IDEs\n")
                .append("complete from). Do not edit by hand: `ConfigurationDocsTest` fails when this page and the code\n")
                .append("differ, and `").append(REGENERATE).append("`\nrewrites it.\n\n")
                .append("Every setting is also an environment variable (relaxed binding: upper case, `.` and `-` become `_`:\n")
                .append("`atelier.worker.heartbeat-interval` is `ATELIER_WORKER_HEARTBEAT_INTERVAL`) or a\n")
                .append("`--name=value` argument. Spring Boot's own settings (`server.port`, `spring.datasource.*`,\n")
                .append("`logging.structured.format.console` …) are in Spring Boot's reference; the ones Atelier sets are in\n")
                .append("[operations.md](operations.md).\n");
        Map<String, List<ConfigurationMetadata.Property>> groups = new LinkedHashMap<>();
        properties.values().forEach(p -> groups.computeIfAbsent(group(p.name()), g -> new java.util.ArrayList<>()).add(p));
        groups.forEach((group, members) -> {
            out.append("\n## ").append(group.contains(" ") ? group : "`" + group + "`").append("\n\n| setting | type | default | meaning |\n|---|---|---|---|\n");
            for (ConfigurationMetadata.Property p : members) {
                out.append("| `").append(p.name()).append("` | ").append(cell(shortType(p.type()))).append(" | ")
                        .append(p.defaultValue() == null ? "" : "`" + p.defaultValue().replace("|", "\\|") + "`").append(" | ")
                        .append(cell(p.description())).append(" |\n");
            }
        });
        return out.toString();
    }

    private static String group(String name) {
        String[] parts = name.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] : "atelier (general)";
    }

    private static String shortType(String type) {
        return type == null ? "" : type.replaceAll("[a-z0-9_.]+\\.([A-Z])", "$1").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cell(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").replaceAll("\\{@(?:code|link|linkplain|value) ([^}]*)}", "`$1`")
                .replace("|", "\\|").strip();
    }

    @Test
    void theReferenceMatchesTheMetadata() throws IOException {
        Map<String, ConfigurationMetadata.Property> properties = ConfigurationMetadata.atelier();
        assertThat(properties).as("atelier.* properties in the metadata (is the annotation processor on?)")
                .containsKeys("atelier.models.preview-fallback", "atelier.recoup.anonymous-team", "atelier.worker.concurrency");
        Path page = DocumentationTest.repositoryRoot().resolve("docs/configuration.md");
        String expected = render(properties);
        if (Boolean.getBoolean("atelier.docs.write")) {
            Files.writeString(page, expected);
        }
        String actual = Files.exists(page) ? Files.readString(page) : "";
        assertThat(actual).as("docs/configuration.md differs from the configuration metadata; regenerate it with: " + REGENERATE)
                .isEqualTo(expected);
    }
}
