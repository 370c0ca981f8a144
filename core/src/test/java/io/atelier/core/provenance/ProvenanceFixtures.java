package io.atelier.core.provenance;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.security.PublicKey;
import javax.imageio.ImageIO;
import io.atelier.core.storage.ContentHash;

/** Images, keys and records for the provenance tests. */
final class ProvenanceFixtures {

    private ProvenanceFixtures() {
    }

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 60, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(250, 200, 20));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png() {
        return encode(picture(48, 32), "png");
    }

    static SigningKey newKey() {
        KeyPair pair = Ed25519Keys.generate();
        return SigningKey.of(pair.getPrivate(), pair.getPublic());
    }

    static ProvenanceRecord record(SigningKey key, byte[] original, String mediaType) {
        return new ProvenanceRecord("3f0c8a4e-9a57-4a51-8d4b-6a0f5c0f2b11", ContentHash.of(original), mediaType,
                "a fox in snow, \"quoted\" \u00e9\u00e8 \uD83E\uDD8A", "a fox in snow", "local/preview", 9_007_199_254_740_991L,
                "48x32", "0b6b3c7e-2f7e-4d0a-9e43-8e1d1f6f3a01", "5a0d6d0e-7c8b-4f0a-8a43-0e1d2f6f3a02",
                "7e5c4b3a-2d1e-4f0a-9b8c-7d6e5f4a3b2c", "123e4567-e89b-12d3-a456-426614174000", "recoup",
                Instant.parse("2025-11-28T10:00:00.123Z"), Instant.parse("2025-11-28T10:00:01.456Z"), key.keyId());
    }

    /** Lookups over in-memory keys and records, as the service's database would answer. */
    static final class MemoryLookups implements ProvenanceCodec.Lookups {
        final Map<String, PublicKey> keys = new HashMap<>();
        final Map<String, SignedProvenance> records = new HashMap<>();

        MemoryLookups key(SigningKey key) {
            keys.put(key.keyId(), key.publicKey());
            return this;
        }

        MemoryLookups store(SignedProvenance p) {
            records.put(p.id(), p);
            return this;
        }

        @Override
        public Optional<PublicKey> key(String keyId) {
            return Optional.ofNullable(keys.get(keyId));
        }

        @Override
        public Optional<SignedProvenance> recordById(String id) {
            return Optional.ofNullable(records.get(id));
        }

        @Override
        public Optional<SignedProvenance> recordBySha256(String sha256) {
            return records.values().stream()
                    .filter(p -> p.record().sha256().equals(sha256) || p.permanentSha256().equals(sha256))
                    .findFirst();
        }
    }
}
