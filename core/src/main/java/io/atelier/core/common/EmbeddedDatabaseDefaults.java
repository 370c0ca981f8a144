package io.atelier.core.common;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default database: when no {@code spring.datasource.url} is configured, an H2 file
 * database in {@code atelier.data-dir} (absolute path, so a relative {@code ATELIER_DATA_DIR=data}
 * works too, which H2 URLs would otherwise reject). Added last, so any configured URL wins.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("atelier.data-dir", "./data")).toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + dataDir.resolve("atelier").toString().replace('\\', '/') + ";DB_CLOSE_ON_EXIT=FALSE";
        environment.getPropertySources().addLast(new MapPropertySource("atelierEmbeddedDatabase", Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "sa",
                "spring.datasource.password", "")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
