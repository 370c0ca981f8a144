package io.atelier.core.provider.http;

import java.util.Optional;

/**
 * Recognises PNG, JPEG and WebP by their magic bytes and reads the pixel size from their headers,
 * without decoding the image. Backends label images loosely (or not at all), so the bytes decide.
 * (Shared by every hand-written HTTP provider, openai included.)
 */
public final class ImageBytes {

    /**
     * A recognised image.
     *
     * @param mimeType {@code image/png}, {@code image/jpeg} or {@code image/webp}
     * @param width    pixel width, 0 when the header could not be read
     * @param height   pixel height, 0 when the header could not be read
     */
    public record Info(String mimeType, int width, int height) {
        public boolean hasSize() {
            return width > 0 && height > 0;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageBytes() {
    }

    /** The image's type and size; empty when the bytes are not PNG, JPEG or WebP. */
    public static Optional<Info> inspect(byte[] b) {
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            boolean ihdr = b.length >= 24 && startsWith(b, 12, new byte[] {'I', 'H', 'D', 'R'});
            return Optional.of(ihdr
                    ? new Info("image/png", int32be(b, 16), int32be(b, 20))
                    : new Info("image/png", 0, 0));
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of(jpeg(b));
        }
        if (startsWith(b, 0, new byte[] {'R', 'I', 'F', 'F'}) && startsWith(b, 8, new byte[] {'W', 'E', 'B', 'P'})) {
            return Optional.of(webp(b));
        }
        return Optional.empty();
    }

    /** Walks the JPEG segments up to the first start-of-frame marker, which holds the size. */
    private static Info jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                break;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            int length = uint16be(b, i + 2);
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                return new Info("image/jpeg", uint16be(b, i + 7), uint16be(b, i + 5));
            }
            if (length < 2) {
                break;
            }
            i += 2 + length;
        }
        return new Info("image/jpeg", 0, 0);
    }

    /** The size from the first chunk: lossy {@code VP8 }, lossless {@code VP8L} or extended {@code VP8X}. */
    private static Info webp(byte[] b) {
        if (b.length >= 30 && startsWith(b, 12, new byte[] {'V', 'P', '8', 'X'})) {
            return new Info("image/webp", uint24le(b, 24) + 1, uint24le(b, 27) + 1);
        }
        if (b.length >= 25 && startsWith(b, 12, new byte[] {'V', 'P', '8', 'L'}) && b[20] == 0x2f) {
            int bits = (b[21] & 0xff) | (b[22] & 0xff) << 8 | (b[23] & 0xff) << 16 | (b[24] & 0xff) << 24;
            return new Info("image/webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
        }
        if (b.length >= 30 && startsWith(b, 12, new byte[] {'V', 'P', '8', ' '})
                && (b[23] & 0xff) == 0x9d && (b[24] & 0xff) == 0x01 && (b[25] & 0xff) == 0x2a) {
            return new Info("image/webp", uint16le(b, 26) & 0x3fff, uint16le(b, 28) & 0x3fff);
        }
        return new Info("image/webp", 0, 0);
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32be(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static int uint16be(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int uint16le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int uint24le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
    }
}
