package io.atelier.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.api.RateLimitProperties.Store;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two rate limiters standing for two application instances share one bucket per key when the
 * buckets live in PostgreSQL or Redis: what one instance consumed, the other sees. Uses the local
 * servers (127.0.0.1:5432 db test, 127.0.0.1:6379) and fails when they are missing; the PostgreSQL
 * part works in its own schema, the Redis part under its own key prefix, both removed afterwards.
 */
class RateLimitSharedStoreTest {

    private static final int PER_MINUTE = 5;

    @Test
    void memoryBucketsAreLocalToOneInstance() {
        RateLimiter a = new RateLimiter(RateLimitProperties.inMemory(PER_MINUTE), new InMemoryRateLimitBuckets());
        RateLimiter b = new RateLimiter(RateLimitProperties.inMemory(PER_MINUTE), new InMemoryRateLimitBuckets());
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(a.tryConsume("key-1").allowed()).isTrue();
        }
        assertThat(a.tryConsume("key-1").allowed()).isFalse();
        assertThat(b.tryConsume("key-1").allowed()).isTrue();
    }

    @Test
    void twoInstancesShareBucketsInPostgres() throws SQLException {
        String schema = "scaleout_rl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = dataSource(null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            // The table exactly as the migration V11 creates it.
            s.execute("CREATE TABLE " + schema + ".rate_limit_buckets (id VARCHAR(200) NOT NULL PRIMARY KEY, "
                    + "state BYTEA, expires_at BIGINT)");
        }
        try {
            String table = schema + ".rate_limit_buckets";
            RateLimitProperties properties = new RateLimitProperties(PER_MINUTE, Store.POSTGRES, table, "redis://unused", "");
            PostgresRateLimitBuckets storeA = new PostgresRateLimitBuckets(dataSource(schema), table);
            RateLimiter a = new RateLimiter(properties, storeA);
            RateLimiter b = new RateLimiter(properties, new PostgresRateLimitBuckets(dataSource(schema), table));
            assertSharedBucket(a, b);
            try (Connection c = admin.getConnection(); Statement s = c.createStatement();
                 var rows = s.executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            // Rows of buckets that are not yet full again stay.
            assertThat(storeA.removeExpired()).isZero();
        } finally {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void twoInstancesShareBucketsInRedis() {
        String prefix = "atelier-test:scaleout-rl:" + UUID.randomUUID() + ":";
        RateLimitProperties properties = new RateLimitProperties(PER_MINUTE, Store.REDIS, "rate_limit_buckets",
                "redis://127.0.0.1:6379", prefix);
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (RedisRateLimitBuckets storeA = new RedisRateLimitBuckets(properties.redisUrl(), prefix);
             RedisRateLimitBuckets storeB = new RedisRateLimitBuckets(properties.redisUrl(), prefix);
             StatefulRedisConnection<String, String> redis = client.connect()) {
            RateLimiter a = new RateLimiter(properties, storeA);
            RateLimiter b = new RateLimiter(properties, storeB);
            try {
                assertSharedBucket(a, b);
                List<String> keys = redis.sync().keys(prefix + "*");
                assertThat(keys).containsExactlyInAnyOrder(prefix + "key-1", prefix + "key-2");
                // The keys expire by themselves once the buckets would be full again.
                assertThat(redis.sync().pttl(prefix + "key-1")).isPositive();
            } finally {
                List<String> keys = redis.sync().keys(prefix + "*");
                if (!keys.isEmpty()) {
                    redis.sync().del(keys.toArray(String[]::new));
                }
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void anUnreachableStoreLetsRequestsThrough() {
        RateLimiter limiter = new RateLimiter(RateLimitProperties.inMemory(PER_MINUTE), (key, configuration) -> {
            throw new IllegalStateException("store down");
        });
        RateLimiter.Decision decision = limiter.tryConsume("key-1");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.limit()).isEqualTo(PER_MINUTE);
    }

    private static void assertSharedBucket(RateLimiter a, RateLimiter b) {
        RateLimiter.Decision first = a.tryConsume("key-1");
        assertThat(first.allowed()).isTrue();
        assertThat(first.limit()).isEqualTo(PER_MINUTE);
        assertThat(first.remaining()).isEqualTo(PER_MINUTE - 1);
        // The other instance sees the token the first one took.
        assertThat(b.tryConsume("key-1").remaining()).isEqualTo(PER_MINUTE - 2);
        assertThat(a.tryConsume("key-1").allowed()).isTrue();
        assertThat(b.tryConsume("key-1").allowed()).isTrue();
        RateLimiter.Decision last = a.tryConsume("key-1");
        assertThat(last.allowed()).isTrue();
        assertThat(last.remaining()).isZero();
        RateLimiter.Decision refused = b.tryConsume("key-1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive();
        assertThat(refused.resetIn()).isPositive();
        // Another key has its own bucket.
        assertThat(b.tryConsume("key-2").remaining()).isEqualTo(PER_MINUTE - 1);
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser("postgres");
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }
}
