package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code compose.yaml} (the scale-out set-up) only uses settings that exist: every {@code ATELIER_*},
 * {@code SPRING_*}, {@code LOGGING_*} and {@code SERVER_*} variable of the Atelier services names a
 * property of the configuration metadata (or a key of a map property), so a renamed setting cannot
 * silently turn into an ignored variable. Also checks the services the set-up promises and that they run
 * the image the Jib configuration builds.
 */
class ComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void settingsExistAndTheSetUpIsComplete() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        Map<String, Object> compose = new Yaml(options).load(Files.readString(DocumentationTest.repositoryRoot().resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("postgres", "minio", "atelier-1", "atelier-2");

        Map<String, ConfigurationMetadata.Property> metadata = ConfigurationMetadata.all();
        Map<String, String> byEnvironmentName = metadata.keySet().stream()
                .collect(Collectors.toMap(ConfigurationMetadata::environmentName, n -> n, (a, b) -> a));
        Set<String> maps = metadata.values().stream().filter(p -> p.type().startsWith("java.util.Map"))
                .map(p -> ConfigurationMetadata.environmentName(p.name())).collect(Collectors.toSet());
        String pom = Files.readString(DocumentationTest.repositoryRoot().resolve("config/pom.xml"));

        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String name : List.of("atelier-1", "atelier-2")) {
            Map<String, Object> service = services.get(name);
            assertThat(pom).contains("<image>" + service.get("image").toString().replace("0.1.0-SNAPSHOT", "${project.version}") + "</image>");
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment).as(name + " environment").containsKeys("SPRING_DATASOURCE_URL", "ATELIER_STORAGE_S3_BUCKET");
            for (String variable : environment.keySet()) {
                if (!variable.matches("(ATELIER|SPRING|LOGGING|SERVER)_.*")) {
                    continue;
                }
                checked++;
                String normalized = ConfigurationMetadata.environmentName(variable);
                if (!byEnvironmentName.containsKey(normalized) && maps.stream().noneMatch(normalized::startsWith)) {
                    unknown.add(name + ": " + variable);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(unknown).as("compose.yaml variables that name no configuration property").isEmpty();
    }
}
