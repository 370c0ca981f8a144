package io.atelier.core.provider.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a backend asks us to wait, read from its answer's headers: {@code retry-after-ms}
 * (OpenAI's, in milliseconds) when present and readable, else {@code Retry-After} as seconds or an
 * HTTP date (RFC 9110). The one reader of these headers for every provider.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the headers ask for; empty when absent or unreadable; never negative. */
    public static Optional<Duration> of(HttpHeaders headers, Clock clock) {
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(v -> number(v, 1_000_000));
        if (millis.isPresent()) {
            return millis;
        }
        Optional<String> value = headers.firstValue("retry-after").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = number(value.get(), 1_000_000_000);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), date.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A non-negative finite number of units (given in nanoseconds each); empty otherwise. */
    private static Optional<Duration> number(String text, long nanosPerUnit) {
        try {
            double units = Double.parseDouble(text.trim());
            return units >= 0 && Double.isFinite(units) ? Optional.of(Duration.ofNanos((long) (units * nanosPerUnit)))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
