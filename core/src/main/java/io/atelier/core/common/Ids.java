package io.atelier.core.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifier and secret-token generation. All randomness comes from one {@link SecureRandom}. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /**
     * A time-ordered UUID (version 7, RFC 9562): the id format of every record the APIs expose.
     * 48 bits of Unix milliseconds, then 74 random bits. Ids made close in time sort close together,
     * so a batch of new rows lands in the same few index pages instead of one random page each (on
     * the embedded database a commit rewrites every page it touched), and the random bits keep an id
     * unguessable.
     */
    public static String uuid() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }

    /** An unguessable URL-safe token of {@code bytes} random bytes (24 bytes = 192 bits). */
    public static String token(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return URL_SAFE.encodeToString(raw);
    }

    /** Whether {@code text} is a canonical UUID string; lets lookups reject garbage ids early. */
    public static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A non-negative random seed within JavaScript's safe integer range (2^53 - 1). */
    public static long seed() {
        return RANDOM.nextLong() & 0x1F_FFFF_FFFF_FFFFL;
    }
}
