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

    /** A random UUID string: the id format of every record the APIs expose. */
    public static String uuid() {
        return UUID.randomUUID().toString();
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
