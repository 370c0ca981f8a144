package io.atelier.core.api;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the rate-limit bucket store from {@code atelier.rate-limit.store}. {@code postgres} needs
 * the application's database to be PostgreSQL (checked at start); its expired rows are deleted every
 * ten minutes by every instance (an idempotent {@code DELETE}, so instances need not coordinate).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitStoreConfiguration.class);

    @Bean
    RateLimitBuckets rateLimitBuckets(RateLimitProperties properties, ObjectProvider<DataSource> dataSource) {
        return switch (properties.store()) {
            case MEMORY -> new InMemoryRateLimitBuckets();
            case POSTGRES -> {
                DataSource db = dataSource.getObject();
                requirePostgres(db);
                log.info("rate limits: shared buckets in PostgreSQL table {}", properties.table());
                yield new CleanedPostgresBuckets(new PostgresRateLimitBuckets(db, properties.table()));
            }
            case REDIS -> {
                log.info("rate limits: shared buckets in Redis under {}*", properties.keyPrefix());
                yield new RedisRateLimitBuckets(properties.redisUrl(), properties.keyPrefix());
            }
        };
    }

    private static void requirePostgres(DataSource db) {
        try (Connection connection = db.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new IllegalStateException("atelier.rate-limit.store=postgres needs the application database "
                        + "(spring.datasource.url) to be PostgreSQL, but it is " + product);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("atelier.rate-limit.store=postgres: the database cannot be reached", e);
        }
    }

    /** PostgreSQL buckets plus the timer that deletes expired rows; stopped with the application. */
    static final class CleanedPostgresBuckets implements RateLimitBuckets, AutoCloseable {

        private final PostgresRateLimitBuckets buckets;
        private final ScheduledExecutorService cleaner;

        CleanedPostgresBuckets(PostgresRateLimitBuckets buckets) {
            this.buckets = buckets;
            this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rate-limit-cleanup");
                t.setDaemon(true);
                return t;
            });
            cleaner.scheduleWithFixedDelay(this::clean, 10, 10, TimeUnit.MINUTES);
        }

        @Override
        public Bucket bucket(String keyId, Supplier<BucketConfiguration> configuration) {
            return buckets.bucket(keyId, configuration);
        }

        private void clean() {
            try {
                int removed = buckets.removeExpired();
                log.debug("removed {} expired rate-limit bucket(s)", removed);
            } catch (RuntimeException e) {
                log.warn("cleaning expired rate-limit buckets failed: {}", e.toString());
            }
        }

        @Override
        public void close() {
            cleaner.shutdownNow();
        }
    }
}
