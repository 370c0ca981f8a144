package io.atelier.core.account;

import io.atelier.core.common.AtelierProperties;
import io.atelier.core.common.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first (admin) team when no API key exists. With {@code atelier.bootstrap-api-key}
 * that key is used; otherwise a key is generated and saved with mode 0600 in the data directory
 * (mode 0700), and shown once on the terminal when there is one ({@link FirstStartBanner}): never on
 * standard output or in a log event, which are the JSON log stream and may be shipped elsewhere.
 *
 * <p>A configured bootstrap key shorter than {@value #MIN_BOOTSTRAP_KEY_LENGTH} characters stops
 * the start with an error naming the setting, whether or not keys exist yet: it is an admin
 * credential, and a short one can be guessed.
 *
 * <p>Several instances may start at once on a fresh database: on PostgreSQL the check and the
 * creation hold an advisory lock ({@link AccountService#createAdminTeamIfNoKey}), so exactly one
 * admin team is made; an instance that still meets the configured key already stored (a unique-key
 * violation: another writer without the lock) takes it as bootstrapped instead of failing to start.
 */
@Component
@Order(0)
class AccountBootstrap implements ApplicationRunner {

    static final String KEY_FILE = "admin-api-key.txt";
    static final int MIN_BOOTSTRAP_KEY_LENGTH = BootstrapKeys.MIN_LENGTH;
    private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

    private final AccountService accounts;
    private final AtelierProperties properties;
    private final DataSource dataSource;

    AccountBootstrap(AccountService accounts, AtelierProperties properties, DataSource dataSource) {
        this.accounts = accounts;
        this.properties = properties;
        this.dataSource = dataSource;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.bootstrapApiKey();
        requireStrongBootstrapKey(configured);
        if (accounts.anyKeyExists()) {
            return;
        }
        boolean clusterLock = isPostgres();
        if (configured != null && !configured.isBlank()) {
            Optional<CreatedTeam> team;
            try {
                team = accounts.createAdminTeamIfNoKey(configured.trim(), clusterLock);
            } catch (DuplicateKeyException stored) {
                // The same key is already there: another instance bootstrapped at the same moment.
                log.info("The key from atelier.bootstrap-api-key was stored by another instance meanwhile");
                return;
            }
            team.ifPresent(t -> log.info("Created the admin team {} with the key from atelier.bootstrap-api-key", t.team().id()));
            return;
        }
        Optional<CreatedTeam> created = accounts.createAdminTeamIfNoKey(ApiKeys.generate(), clusterLock);
        if (created.isEmpty()) {
            return;
        }
        CreatedTeam team = created.get();
        Path file = writeKeyFile(team.apiKey());
        boolean shown = FirstStartBanner.showOnTerminal("""

                ================================================================
                 Atelier: first start. Admin API key (shown once, also saved
                 with mode 0600 in %s):

                   %s
                ================================================================
                """.formatted(file.toAbsolutePath().normalize(), team.apiKey()));
        log.info("Created the admin team {}; its key was saved to {} (mode 0600){}", team.team().id(),
                file.toAbsolutePath().normalize(), shown ? " and shown once on the terminal" : "; no terminal, so it was not shown");
    }

    static void requireStrongBootstrapKey(String configured) {
        BootstrapKeys.requireStrong(configured);
    }

    private boolean isPostgres() {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached", e);
        }
    }

    private Path writeKeyFile(String key) {
        Path dir = properties.dataDir();
        Path file = dir.resolve(KEY_FILE);
        try {
            DataDirectory.createPrivate(dir);
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
