package io.atelier.core.api;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Buckets in a PostgreSQL table shared by every instance on the database (bucket4j's JDBC proxy
 * manager; each consumption is one short transaction that locks the key's row with
 * {@code SELECT … FOR UPDATE}, inserting it first with {@code ON CONFLICT DO NOTHING}). The table ({@code id VARCHAR PRIMARY KEY, state BYTEA, expires_at BIGINT}) comes
 * from the migrations; a bucket's row expires once it would be full again, and
 * {@link #removeExpired()} deletes such rows.
 */
final class PostgresRateLimitBuckets implements RateLimitBuckets {

    private static final int CLEANUP_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;

    PostgresRateLimitBuckets(DataSource dataSource, String table) {
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public Bucket bucket(String keyId, Supplier<BucketConfiguration> configuration) {
        return proxies.builder().build(keyId, configuration);
    }

    /** Deletes the rows of buckets that are full again (equivalent to absent); returns how many. */
    int removeExpired() {
        int total = 0;
        int removed;
        do {
            removed = proxies.removeExpired(CLEANUP_BATCH);
            total += removed;
        } while (removed == CLEANUP_BATCH);
        return total;
    }
}
