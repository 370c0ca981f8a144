package io.atelier.core.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The one timestamp format of the JSON APIs: ISO-8601 UTC with milliseconds, {@code 2025-11-28T10:00:00.000Z}. */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String iso(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }

    /**
     * An instant as a JDBC parameter for TIMESTAMP WITH TIME ZONE columns: {@code OffsetDateTime}
     * in UTC, the one type both H2 and the PostgreSQL driver bind (the latter rejects Instant).
     */
    public static OffsetDateTime db(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Now, truncated to what every database column keeps (microseconds), so reads equal writes. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
