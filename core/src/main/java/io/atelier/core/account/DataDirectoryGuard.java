package io.atelier.core.account;

import io.atelier.core.common.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the data directory private: it is created with mode 0700 before the data source first
 * opens the embedded database in it (H2 would create it with the process umask, typically 0755),
 * and once the application's beans exist (migrations ran, so the database file exists) the H2 files
 * in it are set to 0600.
 */
@Component
class DataDirectoryGuard implements BeanPostProcessor, SmartInitializingSingleton, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryGuard.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    private Path dataDir() {
        return Path.of(environment.getProperty("atelier.data-dir", "./data")).toAbsolutePath().normalize();
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            try {
                DataDirectory.createPrivate(dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the data directory " + dataDir(), e);
            }
        }
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Path dir = dataDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("atelier\\..*\\.db|admin-api-key\\.txt")).toList()) {
                DataDirectory.restrictFile(file);
            }
        } catch (IOException e) {
            log.warn("could not make the files in {} owner-only: {}", dir, e.toString());
        }
    }
}
