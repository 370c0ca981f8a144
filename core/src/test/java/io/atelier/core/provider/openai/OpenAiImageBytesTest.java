package io.atelier.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import io.atelier.core.provider.http.ImageBytes;

import org.junit.jupiter.api.Test;

/** Magic bytes and header sizes; WebP headers are built by hand from the container spec (RFC 9649). */
class OpenAiImageBytesTest {

    @Test
    void png() throws IOException {
        assertThat(ImageBytes.inspect(encode(new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB), "png")))
                .contains(new ImageBytes.Info("image/png", 300, 200));
    }

    @Test
    void jpeg() throws IOException {
        assertThat(ImageBytes.inspect(encode(new BufferedImage(33, 17, BufferedImage.TYPE_INT_RGB), "jpeg")))
                .contains(new ImageBytes.Info("image/jpeg", 33, 17));
    }

    @Test
    void webpLossless() {
        byte[] b = riff("VP8L", 5);
        b[20] = 0x2f;
        int bits = (640 - 1) | (480 - 1) << 14;
        b[21] = (byte) bits;
        b[22] = (byte) (bits >> 8);
        b[23] = (byte) (bits >> 16);
        b[24] = (byte) (bits >> 24);

        assertThat(ImageBytes.inspect(b)).contains(new ImageBytes.Info("image/webp", 640, 480));
    }

    @Test
    void webpLossy() {
        byte[] b = riff("VP8 ", 10);
        b[23] = (byte) 0x9d;
        b[24] = 0x01;
        b[25] = 0x2a;
        b[26] = (byte) (1536 & 0xff);
        b[27] = (byte) (1536 >> 8);
        b[28] = (byte) (1024 & 0xff);
        b[29] = (byte) (1024 >> 8);

        assertThat(ImageBytes.inspect(b)).contains(new ImageBytes.Info("image/webp", 1536, 1024));
    }

    @Test
    void webpExtended() {
        byte[] b = riff("VP8X", 10);
        b[24] = (byte) ((1792 - 1) & 0xff);
        b[25] = (byte) ((1792 - 1) >> 8);
        b[27] = (byte) ((1024 - 1) & 0xff);
        b[28] = (byte) ((1024 - 1) >> 8);

        assertThat(ImageBytes.inspect(b)).contains(new ImageBytes.Info("image/webp", 1792, 1024));
    }

    @Test
    void otherFormatsAreNotImages() {
        assertThat(ImageBytes.inspect("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageBytes.inspect("{\"error\":1}".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageBytes.inspect(new byte[0])).isEmpty();
    }

    @Test
    void truncatedHeadersKeepTheTypeWithoutASize() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};

        assertThat(ImageBytes.inspect(png)).contains(new ImageBytes.Info("image/png", 0, 0));
    }

    /** A RIFF/WEBP header with one chunk of {@code payload} bytes. */
    private static byte[] riff(String chunk, int payload) {
        byte[] b = new byte[20 + payload];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, b, 12, 4);
        b[16] = (byte) payload;
        return b;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
