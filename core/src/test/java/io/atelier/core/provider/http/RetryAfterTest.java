package io.atelier.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsHttpDatesAndOpenAisMillisecondsAreRead() {
        assertThat(wait(Map.of("Retry-After", "7"))).contains(Duration.ofSeconds(7));
        assertThat(wait(Map.of("Retry-After", "1.5"))).contains(Duration.ofMillis(1500));
        assertThat(wait(Map.of("Retry-After", "Mon, 07 Dec 2026 12:00:30 GMT"))).contains(Duration.ofSeconds(30));
        assertThat(wait(Map.of("Retry-After", "Mon, 07 Dec 2026 11:00:00 GMT"))).contains(Duration.ZERO);
        assertThat(wait(Map.of("retry-after-ms", "250", "Retry-After", "9"))).contains(Duration.ofMillis(250));
        assertThat(wait(Map.of("retry-after-ms", "soon", "Retry-After", "9"))).contains(Duration.ofSeconds(9));
    }

    @Test
    void absentNegativeOrUnreadableIsEmpty() {
        assertThat(wait(Map.of())).isEmpty();
        assertThat(wait(Map.of("Retry-After", "-3"))).isEmpty();
        assertThat(wait(Map.of("Retry-After", "later"))).isEmpty();
        assertThat(wait(Map.of("Retry-After", "Infinity"))).isEmpty();
    }

    private Optional<Duration> wait(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return RetryAfter.of(HttpHeaders.of(multi, (k, v) -> true), clock);
    }
}
