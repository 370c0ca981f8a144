package io.atelier.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** The upload gate: magic bytes, header-only dimensions, pixel cap, re-encoding without metadata. */
class UploadedImagesTest {

    @Test
    void aPngHeaderClaiming100000By100000IsRefusedWithoutAllocatingItsPixels() {
        byte[] bomb = pngHeaderOnly(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> UploadedImages.sanitize(bomb, UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadedImageException.Reason.TOO_MANY_PIXELS);
                    assertThat(e.code()).isEqualTo("IMAGE_TOO_LARGE");
                    assertThat(e.getMessage()).contains("100000x100000");
                });
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Decoding would need 40 GB; reading the header takes a few kilobytes (ImageIO's lookup included).
        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void aModestPixelCountWithAnOverlongSideIsRefused() {
        assertThatThrownBy(() -> UploadedImages.checkHeader(pngHeaderOnly(20_000, 10), UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(UploadedImageException.Reason.TOO_MANY_PIXELS));
    }

    @Test
    void theCapIsConfigurablePerCall() {
        byte[] png = png(100, 100, true);
        assertThat(UploadedImages.checkHeader(png, 10_000).pixels()).isEqualTo(10_000);
        assertThatThrownBy(() -> UploadedImages.checkHeader(png, 9_999)).isInstanceOf(UploadedImageException.class);
    }

    @Test
    void jpegAndGifBombHeadersAreRefusedToo() {
        assertThatThrownBy(() -> UploadedImages.checkHeader(jpegHeaderOnly(60_000, 60_000), UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(UploadedImageException.Reason.TOO_MANY_PIXELS));
        assertThatThrownBy(() -> UploadedImages.checkHeader(gifHeaderOnly(65_535, 65_535), UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(UploadedImageException.Reason.TOO_MANY_PIXELS));
    }

    @Test
    void aWebpVp8xHeaderDeclaringAHugeCanvasIsRefused() {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) 0).put(new byte[3]);
        putUint24(vp8x, 16_383);
        putUint24(vp8x, 16_383);
        byte[] webp = riff(chunk("VP8X", vp8x.array()));
        assertThatThrownBy(() -> UploadedImages.checkHeader(webp, UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(UploadedImageException.Reason.TOO_MANY_PIXELS));
    }

    @Test
    void theTypeComesFromTheBytes() {
        assertThat(UploadedImages.detect(png(2, 2, false))).contains(UploadedImages.Format.PNG);
        assertThat(UploadedImages.detect(jpeg(2, 2))).contains(UploadedImages.Format.JPEG);
        assertThat(UploadedImages.detect("GIF89a....".getBytes())).contains(UploadedImages.Format.GIF);
        assertThat(UploadedImages.detect(riff(chunk("VP8L", new byte[5])))).contains(UploadedImages.Format.WEBP);
        assertThat(UploadedImages.detect("<svg xmlns=...>".getBytes())).isEmpty();
        assertThatThrownBy(() -> UploadedImages.sanitize("%PDF-1.7 not an image".getBytes(), UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_IMAGE_FORMAT"));
    }

    @Test
    void aTruncatedImageIsInvalidNotAServerError() {
        byte[] png = png(64, 64, false);
        byte[] truncated = java.util.Arrays.copyOf(png, 40);
        assertThatThrownBy(() -> UploadedImages.sanitize(truncated, UploadedImages.DEFAULT_MAX_PIXELS))
                .isInstanceOfSatisfying(UploadedImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadedImageException.Reason.INVALID));
    }

    @Test
    void reEncodingDropsPngTextChunksAndKeepsAlpha() throws IOException {
        byte[] withText = pngWithText(32, 16, "GPS secret 51.5N 0.12W");
        assertThat(new String(withText, StandardCharsets.ISO_8859_1)).contains("GPS secret");
        UploadedImages.Sanitized clean = UploadedImages.sanitize(withText, UploadedImages.DEFAULT_MAX_PIXELS);
        assertThat(clean.format()).isEqualTo(UploadedImages.Format.PNG);
        assertThat(clean.mimeType()).isEqualTo("image/png");
        assertThat(new String(clean.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("GPS secret").doesNotContain("tEXt");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(16);
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(decoded.getRGB(0, 0) >>> 24).isZero();
        assertThat(decoded.getRGB(5, 5)).isEqualTo(0xff336699);
    }

    @Test
    void jpegStaysJpegAndGifBecomesPng() throws IOException {
        byte[] jpegBytes = jpeg(40, 30);
        byte[] withTrailer = java.util.Arrays.copyOf(jpegBytes, jpegBytes.length + 12);
        System.arraycopy("hidden-bytes".getBytes(), 0, withTrailer, jpegBytes.length, 12);
        UploadedImages.Sanitized jpeg = UploadedImages.sanitize(withTrailer, UploadedImages.DEFAULT_MAX_PIXELS);
        assertThat(jpeg.format()).isEqualTo(UploadedImages.Format.JPEG);
        assertThat(new String(jpeg.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("hidden-bytes");
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.bytes())).getWidth()).isEqualTo(40);

        BufferedImage gifImage = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(gifImage, "gif", gif);
        UploadedImages.Sanitized fromGif = UploadedImages.sanitize(gif.toByteArray(), UploadedImages.DEFAULT_MAX_PIXELS);
        assertThat(fromGif.format()).isEqualTo(UploadedImages.Format.PNG);
        assertThat(fromGif.width()).isEqualTo(8);
        assertThat(fromGif.height()).isEqualTo(6);
    }

    @Test
    void webpMetadataChunksAreRemovedAndTheirFlagsCleared() {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) (0x20 | 0x08 | 0x04 | 0x10)).put(new byte[3]); // ICC, EXIF, XMP, alpha
        putUint24(vp8x, 63);
        putUint24(vp8x, 31);
        byte[] image = new byte[] {1, 2, 3, 4, 5};
        byte[] webp = riff(chunk("VP8X", vp8x.array()), chunk("ICCP", "icc-profile".getBytes()),
                chunk("VP8L", image), chunk("EXIF", "camera serial 1234".getBytes()), chunk("XMP ", "<x:xmpmeta/>".getBytes()));
        UploadedImages.Sanitized clean = UploadedImages.sanitize(webp, UploadedImages.DEFAULT_MAX_PIXELS);
        assertThat(clean.format()).isEqualTo(UploadedImages.Format.WEBP);
        assertThat(clean.width()).isEqualTo(64);
        assertThat(clean.height()).isEqualTo(32);
        byte[] expected = riff(chunk("VP8X", withFirstByte(vp8x.array(), (byte) 0x10)), chunk("VP8L", image));
        assertThat(clean.bytes()).isEqualTo(expected);
    }

    @Test
    void aWebpChunkRunningPastTheEndIsInvalid() {
        byte[] webp = riff(chunk("VP8X", new byte[10]));
        ByteBuffer.wrap(webp, 16, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(1_000_000);
        assertThatThrownBy(() -> UploadedImages.stripWebpMetadata(webp))
                .isInstanceOfSatisfying(UploadedImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadedImageException.Reason.INVALID));
    }

    // --- crafted images ---

    /** A PNG signature and a valid IHDR claiming the size, and nothing else: a decompression bomb's head. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        return out.toByteArray();
    }

    private static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    /** A real small JPEG whose SOF0 header is patched to declare the size. */
    private static byte[] jpegHeaderOnly(int width, int height) {
        byte[] jpeg = jpeg(8, 8);
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the JPEG ImageIO wrote");
    }

    /** A GIF header and the first image descriptor declaring the size, no pixel data. */
    private static byte[] gifHeaderOnly(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(13 + 10 + 2).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0);
        gif.put((byte) 2).put((byte) 0);
        return gif.array();
    }

    private static byte[] chunk(String type, byte[] data) {
        int padded = data.length + (data.length & 1);
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        byte[] payload = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return out.array();
    }

    private static void putUint24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] withFirstByte(byte[] bytes, byte first) {
        byte[] copy = bytes.clone();
        copy[0] = first;
        return copy;
    }

    private static byte[] png(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        return write(image, "png");
    }

    private static byte[] jpeg(int width, int height) {
        return write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** An ARGB PNG (transparent corner, one colour elsewhere) with a tEXt chunk. */
    private static byte[] pngWithText(int width, int height, String text) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x == 0 && y == 0 ? 0x00000000 : 0xff336699);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(
                javax.imageio.ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", "Comment");
        entry.setAttribute("value", text);
        IIOMetadataNode textNode = new IIOMetadataNode("tEXt");
        textNode.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(textNode);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        }
        writer.dispose();
        return out.toByteArray();
    }
}
