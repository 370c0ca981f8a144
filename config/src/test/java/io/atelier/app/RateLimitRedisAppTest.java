package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with its rate-limit buckets in Redis (127.0.0.1:6379, a key prefix of its own,
 * deleted afterwards): the same limits and headers as in memory, and the bucket lives in Redis where
 * every instance sees it. (Two limiters sharing one bucket: RateLimitSharedStoreTest in core.)
 */
@TestPropertySource(properties = {
        "atelier.rate-limit.per-key=3",
        "atelier.rate-limit.store=redis",
        "atelier.rate-limit.redis-url=redis://127.0.0.1:6379",
        "atelier.data-dir=${atelier.test-root}/rate-limit-redis"
})
class RateLimitRedisAppTest extends AppTestSupport {

    private static final String RUN = UUID.randomUUID().toString();
    static final String PREFIX = "atelier-test:scaleout-app-rl:" + RUN + ":";

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        registry.add("atelier.rate-limit.key-prefix", () -> PREFIX);
    }

    @AfterAll
    static void deleteKeys() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            List<String> keys = redis.sync().keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theFourthRequestIsRefusedAndTheBucketLivesInRedis() {
        ApiClient api = newTeam("redis-limited", 10);
        for (int i = 0; i < 3; i++) {
            ApiClient.Response ok = api.get("/api/v1/models");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(2 - i));
        }
        ApiClient.Response limited = api.get("/api/v1/models");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().at("/error/code").stringValue()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            // The admin key (team creation) and the team's key each have a bucket.
            assertThat(redis.sync().keys(PREFIX + "*")).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            client.shutdown();
        }
    }
}
