package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Per-key rate limits with the X-RateLimit-* headers on every response and Retry-After on 429. */
@TestPropertySource(properties = {
        "atelier.rate-limit.per-key=3",
        "atelier.data-dir=${atelier.test-root}/rate-limit"
})
class RateLimitTest extends AppTestSupport {

    @Test
    void theFourthRequestInAMinuteIsRejectedWithHeaders() {
        ApiClient api = newTeam("limited", 10);
        for (int i = 0; i < 3; i++) {
            ApiClient.Response ok = api.get("/api/v1/models");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(2 - i));
            assertThat(Long.parseLong(ok.header("X-RateLimit-Reset"))).isBetween(1L, 60L);
        }
        ApiClient.Response limited = api.get("/api/v1/models");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().at("/error/code").stringValue()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        // Limits are per key: another key of the same server is unaffected.
        assertThat(newTeam("unlimited-neighbour", 10).get("/api/v1/models").status()).isEqualTo(200);
    }
}
