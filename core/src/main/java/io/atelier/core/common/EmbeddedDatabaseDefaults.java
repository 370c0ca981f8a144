package io.atelier.core.common;

import java.nio.file.Path;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The embedded default database: when no {@code spring.datasource.url} is configured, an H2 file
 * database in {@code atelier.data-dir}, as an absolute path (H2 rejects implicitly relative paths
 * such as {@code ATELIER_DATA_DIR=data}).
 *
 * <p>{@code WRITE_DELAY=0}: H2 otherwise writes commits in the background up to a second later, and a
 * {@code kill -9} in that second would lose accepted generations.
 *
 * <p>{@code QUERY_CACHE_SIZE=256}: H2 keeps 8 parsed statements per connection by default, fewer
 * than one generation's path uses, so it parsed most statements again on every call (a fifth of
 * the CPU of a request in the gateway benchmark's profile).
 *
 * <p>The values are computed when read, not when this runs, so a data dir set later (test
 * properties, dynamic properties) is honoured; the source comes last, so a configured URL wins.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Defaults(environment));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Its source object is deliberately not the environment: Spring Boot walks into property
     * sources whose source is an environment, which would make this one contain itself.
     */
    private static final class Defaults extends EnumerablePropertySource<Object> {
        private static final String URL = "spring.datasource.url";
        private static final String USERNAME = "spring.datasource.username";
        private static final String PASSWORD = "spring.datasource.password";

        private final ConfigurableEnvironment environment;

        Defaults(ConfigurableEnvironment environment) {
            super("atelierEmbeddedDatabase", new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return new String[] {URL, USERNAME, PASSWORD};
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case URL -> embeddedUrl();
                // Credentials only for the embedded database, never for a configured server.
                case USERNAME -> isEmbedded() ? "sa" : null;
                case PASSWORD -> isEmbedded() ? "" : null;
                default -> null;
            };
        }

        private boolean isEmbedded() {
            String url = environment.getProperty(URL);
            return url == null || url.equals(embeddedUrl());
        }

        private String embeddedUrl() {
            Path dataDir = Path.of(environment.getProperty("atelier.data-dir", "./data")).toAbsolutePath().normalize();
            return "jdbc:h2:file:" + dataDir.resolve("atelier").toString().replace('\\', '/') + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256";
        }
    }
}
