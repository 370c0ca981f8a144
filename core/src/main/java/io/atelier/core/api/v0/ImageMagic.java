package io.atelier.core.api.v0;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What image format bytes are, from their magic numbers only (never a file name or a declared type):
 * PNG, JPEG, WebP or GIF, the formats the core's preset files and providers accept.
 */
final class ImageMagic {

    static final String ACCEPTED = "PNG, JPEG, WebP or GIF";

    private ImageMagic() {
    }

    /** The media type of {@code bytes}, or empty when they are none of the accepted formats. */
    static Optional<String> mediaType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == '\r' && b[5] == '\n' && b[6] == 0x1A && b[7] == '\n') {
            return Optional.of("image/png");
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return Optional.of("image/webp");
        }
        if (b.length >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
            return Optional.of("image/gif");
        }
        return Optional.empty();
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }
}
