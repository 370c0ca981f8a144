package io.atelier.core.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 content hashes in lower-case hex, the keys of {@link ImageStore}. */
public final class ContentHash {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private ContentHash() {
    }

    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** Guards every path built from a hash against traversal. */
    public static boolean isValid(String hash) {
        return hash != null && HEX_64.matcher(hash).matches();
    }
}
