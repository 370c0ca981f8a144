package io.atelier.bot.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing: {@code X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + rawBody))}
 * with {@code X-Slack-Request-Timestamp: ts} (Unix seconds).
 *
 * <p>A request is genuine when the timestamp is within {@link #TOLERANCE} of now in either
 * direction (stale replays and far-future stamps are both refused) and the signature matches,
 * compared in constant time. The body must be the exact bytes received: any re-encoding breaks it.
 * Thread-safe.
 */
final class SlackSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    private final byte[] secret;
    private final Clock clock;

    SlackSignature(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Whether the request is signed with our secret and recent; false for anything missing or malformed. */
    boolean verify(String timestamp, String signature, byte[] rawBody) {
        if (timestamp == null || signature == null || rawBody == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = sign(timestamp.trim(), rawBody).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code v0=<hex>} for the timestamp and body. */
    String sign(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(rawBody);
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
