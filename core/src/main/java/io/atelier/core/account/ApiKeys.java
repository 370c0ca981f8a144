package io.atelier.core.account;

import io.atelier.core.common.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API key format and hashing. Keys are 256 random bits, so an unsalted SHA-256 is a safe and
 * index-friendly hash (no dictionary to attack); the clear key is never stored.
 */
final class ApiKeys {

    static final String PREFIX = "atl_";

    private ApiKeys() {
    }

    static String generate() {
        return PREFIX + Ids.token(32);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The first characters, kept in clear so operators can tell keys apart. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), 10));
    }
}
