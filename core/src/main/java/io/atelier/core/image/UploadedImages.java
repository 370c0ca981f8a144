package io.atelier.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The one gate for images that users upload (edit sources, masks, preset files), in three steps:
 * <ol>
 *   <li><b>type from the bytes</b>: PNG, JPEG, WebP or GIF by their magic numbers, never by a file name
 *       or a declared content type;</li>
 *   <li><b>dimensions from the header, before decoding</b>: ImageIO's {@link ImageReader#getWidth} reads
 *       only the header (PNG IHDR, JPEG SOF, GIF screen descriptor); WebP, which the JDK cannot read, is
 *       parsed by hand. More than the pixel cap, or a side over {@value #MAX_SIDE}, is refused here, so a
 *       decompression bomb (a tiny file declaring 100000×100000) never allocates its pixels;</li>
 *   <li><b>re-encoding</b>: the pixels are decoded (metadata ignored) and written again, so nothing but
 *       pixels survives: EXIF (with GPS), XMP, ICC profiles, text chunks, trailing data. PNG stays PNG (alpha
 *       kept, masks need it), JPEG stays JPEG (quality 0.92), GIF becomes PNG (its first frame). WebP,
 *       which the JDK cannot encode, is rewritten chunk by chunk without its EXIF, XMP and ICCP chunks.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class UploadedImages {

    /** Default pixel cap: 25 megapixels (5000×5000), about 100 MB decoded. */
    public static final long DEFAULT_MAX_PIXELS = 25_000_000L;
    /** Longest side accepted, whatever the pixel count. */
    public static final int MAX_SIDE = 16_384;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> WEBP_METADATA_CHUNKS = Set.of("EXIF", "XMP ", "ICCP");

    /** Formats accepted, with their media types and ImageIO names. */
    public enum Format {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpeg"), WEBP("image/webp", null), GIF("image/gif", "gif");

        private final String mimeType;
        private final String imageIoName;

        Format(String mimeType, String imageIoName) {
            this.mimeType = mimeType;
            this.imageIoName = imageIoName;
        }

        public String mimeType() {
            return mimeType;
        }
    }

    /** What the header says: format and pixel size. */
    public record Header(Format format, int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** A re-encoded image: only pixels, in {@code format}. */
    public record Sanitized(byte[] bytes, Format format, int width, int height) {
        public String mimeType() {
            return format.mimeType();
        }
    }

    private UploadedImages() {
    }

    /** The format by magic numbers, or empty when the bytes are none of PNG, JPEG, WebP, GIF. */
    public static Optional<Format> detect(byte[] b) {
        if (b.length >= PNG_SIGNATURE.length && Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return Optional.of(Format.PNG);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return Optional.of(Format.WEBP);
        }
        if (b.length >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
            return Optional.of(Format.GIF);
        }
        return Optional.empty();
    }

    /**
     * Format and size from the header only, checked against {@code maxPixels} and {@link #MAX_SIDE}.
     *
     * @throws UploadedImageException when the type is not supported, the header unreadable or the size too large
     */
    public static Header checkHeader(byte[] bytes, long maxPixels) {
        Format format = detect(bytes).orElseThrow(() -> new UploadedImageException(UploadedImageException.Reason.UNSUPPORTED_FORMAT,
                "unsupported image format: send PNG, JPEG, WebP or GIF"));
        Header header = format == Format.WEBP ? webpHeader(bytes) : imageIoHeader(bytes, format);
        if (header.width() <= 0 || header.height() <= 0) {
            throw new UploadedImageException(UploadedImageException.Reason.INVALID,
                    "the " + format + " image declares no size (" + header.width() + "x" + header.height() + ")");
        }
        if (header.width() > MAX_SIDE || header.height() > MAX_SIDE || header.pixels() > maxPixels) {
            throw new UploadedImageException(UploadedImageException.Reason.TOO_MANY_PIXELS, "the image is "
                    + header.width() + "x" + header.height() + " pixels; at most " + maxPixels + " pixels and "
                    + MAX_SIDE + " pixels a side are accepted");
        }
        return header;
    }

    /**
     * Checks the header as {@link #checkHeader} does, then re-encodes the image so only its pixels remain.
     *
     * @throws UploadedImageException as {@link #checkHeader}, or when the pixels cannot be decoded
     */
    public static Sanitized sanitize(byte[] bytes, long maxPixels) {
        Header header = checkHeader(bytes, maxPixels);
        if (header.format() == Format.WEBP) {
            return new Sanitized(stripWebpMetadata(bytes), Format.WEBP, header.width(), header.height());
        }
        BufferedImage pixels = decode(bytes, header.format());
        Format out = header.format() == Format.JPEG ? Format.JPEG : Format.PNG;
        return new Sanitized(encode(pixels, out), out, pixels.getWidth(), pixels.getHeight());
    }

    private static Header imageIoHeader(byte[] bytes, Format format) {
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return new Header(format, reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw new UploadedImageException(UploadedImageException.Reason.INVALID,
                    "the " + format + " image header cannot be read: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage decode(byte[] bytes, Format format) {
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new UploadedImageException(UploadedImageException.Reason.INVALID,
                    "the " + format + " image cannot be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static byte[] encode(BufferedImage image, Format format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.92f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UploadedImageException(UploadedImageException.Reason.INVALID,
                    "the image cannot be re-encoded as " + format + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ImageReader reader(Format format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    /** WebP size from VP8X (extended), VP8L (lossless) or VP8 (lossy) headers. */
    private static Header webpHeader(byte[] b) {
        if (b.length >= 30 && ascii(b, 12, 4).equals("VP8X")) {
            return new Header(Format.WEBP, 1 + uint24le(b, 24), 1 + uint24le(b, 27));
        }
        if (b.length >= 25 && ascii(b, 12, 4).equals("VP8L") && (b[20] & 0xFF) == 0x2F) {
            int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
            return new Header(Format.WEBP, 1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
        }
        if (b.length >= 30 && ascii(b, 12, 4).equals("VP8 ") && (b[23] & 0xFF) == 0x9D && (b[24] & 0xFF) == 0x01
                && (b[25] & 0xFF) == 0x2A) {
            int width = ((b[26] & 0xFF) | (b[27] & 0xFF) << 8) & 0x3FFF;
            int height = ((b[28] & 0xFF) | (b[29] & 0xFF) << 8) & 0x3FFF;
            return new Header(Format.WEBP, width, height);
        }
        throw new UploadedImageException(UploadedImageException.Reason.INVALID, "the WebP image header cannot be read");
    }

    /**
     * Rewrites a WebP RIFF container without its EXIF, XMP and ICC chunks (and clears their VP8X
     * flags); the image chunks are copied as they are. Malformed chunk sizes are refused.
     */
    static byte[] stripWebpMetadata(byte[] b) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(b.length);
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        int at = 12;
        long riffEnd = Math.min(b.length, 8L + (ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL));
        while (at + 8 <= riffEnd) {
            String type = ascii(b, at, 4);
            long size = ByteBuffer.wrap(b, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            long padded = size + (size & 1);
            if (at + 8 + size > b.length) {
                throw new UploadedImageException(UploadedImageException.Reason.INVALID,
                        "the WebP chunk " + type.strip() + " runs past the end of the file");
            }
            if (!WEBP_METADATA_CHUNKS.contains(type)) {
                byte[] chunk = Arrays.copyOfRange(b, at, (int) Math.min(b.length, at + 8 + padded));
                if (type.equals("VP8X") && chunk.length > 8) {
                    chunk[8] &= (byte) ~(0x20 | 0x08 | 0x04); // ICC, EXIF, XMP flags
                }
                body.writeBytes(chunk);
                if (chunk.length < 8 + padded) {
                    body.write(0); // missing pad byte at the very end
                }
            }
            at += (int) (8 + padded);
        }
        byte[] payload = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return out.array();
    }

    private static String ascii(byte[] b, int offset, int length) {
        return offset + length <= b.length ? new String(b, offset, length, StandardCharsets.ISO_8859_1) : "";
    }

    private static int uint24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
