package io.atelier.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * Several application instances (child JVMs) sharing what a real scale-out shares: a fresh
 * PostgreSQL schema of their own on the local server (created here, dropped on close) and one S3
 * bucket (s3proxy in this JVM on loopback). Each instance has its own data dir (only its log lives
 * there) and a JDBC {@code ApplicationName} unique to the cluster, so a test can find (and
 * terminate) exactly the application's connections and nobody else's.
 */
final class PostgresCluster implements AutoCloseable {

    static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String ADMIN_KEY = "cluster-test-admin-key-0123456789";
    static final String BUCKET = "atelier-cluster";
    private static final String S3_IDENTITY = "cluster-access";
    private static final String S3_CREDENTIAL = "cluster-secret";

    final String schema;
    final String applicationName;
    final BlobStore blobs = new TransientNio2BlobStore();
    private final S3Proxy s3;
    private final Path root;
    private final List<ChildApplication> started = new ArrayList<>();

    PostgresCluster(String helper, Path root) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.schema = "atelier_" + helper + "_" + suffix;
        this.applicationName = "atelier-" + helper + "-" + suffix;
        this.root = root;
        execute("CREATE SCHEMA " + schema);
        blobs.createContainer(BUCKET);
        s3 = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_IDENTITY, S3_CREDENTIAL).build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
    }

    /**
     * Starts an instance (not waiting for it); extra arguments override the shared ones. Instances
     * may start at once on the fresh schema (Flyway's lock serializes the migration, an advisory lock
     * the admin bootstrap: {@link ConcurrentFirstStartTest}); most tests start them one after the
     * other anyway, which costs no more on two cores.
     */
    ChildApplication start(String name, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + JDBC_URL + "?currentSchema=" + schema + "&ApplicationName=" + applicationName,
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--spring.flyway.schemas=" + schema,
                "--atelier.bootstrap-api-key=" + ADMIN_KEY,
                "--atelier.storage.s3.bucket=" + BUCKET,
                "--atelier.storage.s3.endpoint=http://127.0.0.1:" + s3.getPort(),
                "--atelier.storage.s3.access-key=" + S3_IDENTITY,
                "--atelier.storage.s3.secret-key=" + S3_CREDENTIAL,
                "--atelier.storage.s3.path-style=true"));
        args.addAll(List.of(extraArgs));
        ChildApplication child = ChildApplication.start(root.resolve(name), name + ".log", args.toArray(String[]::new));
        started.add(child);
        return child;
    }

    /** A connection to the cluster's schema that is not one of the application's. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(JDBC_URL + "?currentSchema=" + schema, USER, "");
        return c;
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Terminates every PostgreSQL connection the cluster's instances hold; returns how many. */
    int terminateApplicationConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = '" + applicationName + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() throws Exception {
        for (ChildApplication child : started) {
            child.close();
        }
        try {
            s3.stop();
        } finally {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
