package io.atelier.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.common.AtelierProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * The first-start bootstrap run by eight "instances" at the same moment on one fresh database
 * (threads released together by a barrier, each with its own {@link AccountBootstrap}, the service
 * transactional as in the application): exactly one admin team with one key, and no bootstrap
 * fails, with a generated key and with the same configured key. On PostgreSQL (local server, own
 * schema) the advisory lock serializes them; H2 (one process) must keep working.
 */
class AccountBootstrapRaceTest {

    private static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    private static final int INSTANCES = 8;

    @TempDir
    Path dataDir;

    @Test
    void onPostgresWithAGeneratedKey() throws Exception {
        onPostgres(null);
    }

    @Test
    void onPostgresWithTheSameConfiguredKey() throws Exception {
        onPostgres("race-configured-admin-key-0123456789");
    }

    @Test
    void onH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bootstrap_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        race(h2, "race-configured-admin-key-0123456789");
    }

    private void onPostgres(String configuredKey) throws Exception {
        String schema = "atelier_bootstrap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SimpleDriverDataSource pg = new SimpleDriverDataSource(new org.postgresql.Driver(),
                JDBC_URL + "?currentSchema=" + schema, USER, "");
        Flyway.configure().dataSource(pg).schemas(schema).locations("classpath:db/migration").load().migrate();
        try {
            race(pg, configuredKey);
        } finally {
            try (Connection c = DriverManager.getConnection(JDBC_URL, USER, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void race(DataSource db, String configuredKey) throws Exception {
        AtelierProperties properties = new AtelierProperties(dataDir, configuredKey, null, 10_000);
        ProxyFactory proxy = new ProxyFactory(new AccountService(JdbcClient.create(db), properties));
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(db), new AnnotationTransactionAttributeSource()));
        AccountService accounts = (AccountService) proxy.getProxy();

        CyclicBarrier start = new CyclicBarrier(INSTANCES);
        List<Future<?>> runs = new ArrayList<>();
        try (ExecutorService instances = Executors.newFixedThreadPool(INSTANCES)) {
            for (int i = 0; i < INSTANCES; i++) {
                AccountBootstrap bootstrap = new AccountBootstrap(accounts, properties, db);
                runs.add(instances.submit(() -> {
                    start.await();
                    bootstrap.run(null);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        JdbcClient jdbc = JdbcClient.create(db);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM teams WHERE admin").query(Long.class).single()).as("admin teams").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_keys").query(Long.class).single()).as("keys").isEqualTo(1);
        if (configuredKey != null) {
            assertThat(accounts.authenticate(configuredKey)).hasValueSatisfying(caller -> assertThat(caller.admin()).isTrue());
        }
    }
}
