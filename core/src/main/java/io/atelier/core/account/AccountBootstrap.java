package io.atelier.core.account;

import io.atelier.core.common.AtelierProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first (admin) team when no API key exists. With {@code atelier.bootstrap-api-key}
 * that key is used; otherwise a key is generated, printed once to standard output (not to the
 * log, which may be shipped elsewhere) and saved with mode 0600 in the data directory.
 */
@Component
@Order(0)
class AccountBootstrap implements ApplicationRunner {

    static final String KEY_FILE = "admin-api-key.txt";
    private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

    private final AccountService accounts;
    private final AtelierProperties properties;

    AccountBootstrap(AccountService accounts, AtelierProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyKeyExists()) {
            return;
        }
        String configured = properties.bootstrapApiKey();
        if (configured != null && !configured.isBlank()) {
            if (configured.trim().length() < 16) {
                throw new IllegalStateException("atelier.bootstrap-api-key must be at least 16 characters");
            }
            CreatedTeam team = accounts.createTeamWithKey("admin", true, 1_000_000_000L, configured.trim());
            log.info("Created the admin team {} with the key from atelier.bootstrap-api-key", team.team().id());
            return;
        }
        CreatedTeam team = accounts.createTeam("admin", true, 1_000_000_000L);
        Path file = writeKeyFile(team.apiKey());
        System.out.println("""

                ================================================================
                 Atelier: first start. Admin API key (shown once, also saved
                 with mode 0600 in %s):

                   %s
                ================================================================
                """.formatted(file.toAbsolutePath().normalize(), team.apiKey()));
        log.info("Created the admin team {}; its key was printed once and saved to {}", team.team().id(), file);
    }

    private Path writeKeyFile(String key) {
        Path dir = properties.dataDir();
        Path file = dir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, key + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("could not create " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the admin key to " + file, e);
        }
    }
}
