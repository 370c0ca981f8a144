package io.atelier.core.api.openai;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an uploaded file is, read from its bytes (magic numbers), never from its name or the declared
 * content type: PNG, JPEG or WebP, with the pixel size from the header when it can be read, and
 * whether a PNG has an alpha channel (colour type with alpha, or a {@code tRNS} chunk).
 *
 * @param format     the detected format
 * @param width      pixels, or 0 when the header could not be read
 * @param height     pixels, or 0 when the header could not be read
 * @param pngAlpha   for PNG: whether it carries transparency; false for other formats
 */
record UploadedImage(Format format, int width, int height, boolean pngAlpha) {

    /** Formats the Images API accepts, with their media types. */
    enum Format {
        PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp");

        private final String mimeType;

        Format(String mimeType) {
            this.mimeType = mimeType;
        }

        String mimeType() {
            return mimeType;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    boolean hasSize() {
        return width > 0 && height > 0;
    }

    /** The format and header facts of {@code bytes}; empty when it is none of PNG, JPEG, WebP. */
    static Optional<UploadedImage> inspect(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return Optional.of(png(bytes));
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(jpeg(bytes));
        }
        if (bytes.length >= 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
            return Optional.of(webp(bytes));
        }
        return Optional.empty();
    }

    private static UploadedImage png(byte[] b) {
        // IHDR is the first chunk: length(4) "IHDR"(4) width(4) height(4) depth(1) colour type(1) …
        if (b.length < 33 || !ascii(b, 12, 4).equals("IHDR")) {
            return new UploadedImage(Format.PNG, 0, 0, false);
        }
        int width = int32(b, 16);
        int height = int32(b, 20);
        int colourType = b[25] & 0xFF;
        boolean alpha = colourType == 4 || colourType == 6 || hasChunkBeforeData(b, "tRNS");
        return new UploadedImage(Format.PNG, Math.max(width, 0), Math.max(height, 0), alpha);
    }

    private static boolean hasChunkBeforeData(byte[] b, String type) {
        int at = 8;
        while (at + 8 <= b.length) {
            long length = int32(b, at) & 0xFFFFFFFFL;
            String name = ascii(b, at + 4, 4);
            if (name.equals(type)) {
                return true;
            }
            if (name.equals("IDAT") || name.equals("IEND")) {
                return false;
            }
            long next = at + 12L + length;
            if (next > b.length) {
                return false;
            }
            at = (int) next;
        }
        return false;
    }

    private static UploadedImage jpeg(byte[] b) {
        int at = 2;
        while (at + 9 < b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                break;
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2;
                continue;
            }
            int length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                int height = ((b[at + 5] & 0xFF) << 8) | (b[at + 6] & 0xFF);
                int width = ((b[at + 7] & 0xFF) << 8) | (b[at + 8] & 0xFF);
                return new UploadedImage(Format.JPEG, width, height, false);
            }
            if (length < 2) {
                break;
            }
            at += 2 + length;
        }
        return new UploadedImage(Format.JPEG, 0, 0, false);
    }

    private static UploadedImage webp(byte[] b) {
        if (b.length >= 30 && ascii(b, 12, 4).equals("VP8X")) {
            int width = 1 + uint24le(b, 24);
            int height = 1 + uint24le(b, 27);
            return new UploadedImage(Format.WEBP, width, height, false);
        }
        if (b.length >= 25 && ascii(b, 12, 4).equals("VP8L") && (b[20] & 0xFF) == 0x2F) {
            int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
            return new UploadedImage(Format.WEBP, 1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF), false);
        }
        if (b.length >= 30 && ascii(b, 12, 4).equals("VP8 ") && (b[23] & 0xFF) == 0x9D && (b[24] & 0xFF) == 0x01
                && (b[25] & 0xFF) == 0x2A) {
            int width = ((b[26] & 0xFF) | (b[27] & 0xFF) << 8) & 0x3FFF;
            int height = ((b[28] & 0xFF) | (b[29] & 0xFF) << 8) & 0x3FFF;
            return new UploadedImage(Format.WEBP, width, height, false);
        }
        return new UploadedImage(Format.WEBP, 0, 0, false);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] b, int offset, int length) {
        return offset + length <= b.length ? new String(b, offset, length, StandardCharsets.ISO_8859_1) : "";
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int uint24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
