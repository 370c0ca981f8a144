package io.atelier.core.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-key request limits ({@code atelier.rate-limit.*}).
 *
 * @param perKey    requests per minute per API key; 0 switches limiting off
 * @param store     where the buckets live: {@code memory} (one instance, the default), {@code postgres}
 *                  (the application's PostgreSQL database, shared by every instance on it) or
 *                  {@code redis} (shared by every instance on the same Redis)
 * @param table     PostgreSQL table of the buckets (created by the migrations), optionally schema-qualified
 * @param redisUrl  Redis URI for {@code store=redis}, e.g. {@code redis://:password@host:6379/0}
 * @param keyPrefix prefix of the Redis keys, so several deployments can share one Redis
 * @param failedAuthPerAddress failed authentications (a wrong API key, a wrong key at the moderation
 *                  sign-in) one client address may make per minute before every further attempt from
 *                  it answers 429 with {@code Retry-After}, default 10; 0 switches this off. Kept in
 *                  the same store as the per-key buckets.
 */
@ConfigurationProperties("atelier.rate-limit")
public record RateLimitProperties(
        @DefaultValue("600") int perKey,
        @DefaultValue("memory") Store store,
        @DefaultValue("rate_limit_buckets") String table,
        @DefaultValue("redis://127.0.0.1:6379") String redisUrl,
        @DefaultValue("atelier:rate-limit:") String keyPrefix,
        @DefaultValue("10") int failedAuthPerAddress) {

    public RateLimitProperties(int perKey, Store store, String table, String redisUrl, String keyPrefix) {
        this(perKey, store, table, redisUrl, keyPrefix, 10);
    }

    /** Where the token buckets are kept. */
    public enum Store { MEMORY, POSTGRES, REDIS }

    @ConstructorBinding
    public RateLimitProperties {
        if (failedAuthPerAddress < 0) {
            throw new IllegalArgumentException("atelier.rate-limit.failed-auth-per-address must not be negative");
        }
        if (perKey < 0) {
            throw new IllegalArgumentException("atelier.rate-limit.per-key must not be negative");
        }
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("atelier.rate-limit.table must be a plain SQL name like rate_limit_buckets, not " + table);
        }
    }

    /** Limits of {@code perKey} requests per minute, kept in memory. */
    public static RateLimitProperties inMemory(int perKey) {
        return new RateLimitProperties(perKey, Store.MEMORY, "rate_limit_buckets", "redis://127.0.0.1:6379", "atelier:rate-limit:");
    }

    @Override
    public String toString() {
        // The Redis URI may carry a password.
        return "RateLimitProperties[perKey=" + perKey + ", store=" + store + ", table=" + table
                + ", redisUrl=" + redisUrl.replaceAll("//[^@/]*@", "//****@") + ", keyPrefix=" + keyPrefix
                + ", failedAuthPerAddress=" + failedAuthPerAddress + "]";
    }
}
