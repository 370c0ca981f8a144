package io.atelier.core.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Upload types come from magic numbers; sizes and PNG transparency from the headers. */
class UploadedImageTest {

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void pngWithAndWithoutAlpha() throws IOException {
        UploadedImage rgba = UploadedImage.inspect(encode(new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB), "png")).orElseThrow();
        assertThat(rgba).isEqualTo(new UploadedImage(UploadedImage.Format.PNG, 300, 200, true));
        UploadedImage rgb = UploadedImage.inspect(encode(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB), "png")).orElseThrow();
        assertThat(rgb).isEqualTo(new UploadedImage(UploadedImage.Format.PNG, 64, 32, false));
    }

    @Test
    void jpegSizeFromTheStartOfFrame() throws IOException {
        UploadedImage jpeg = UploadedImage.inspect(encode(new BufferedImage(123, 45, BufferedImage.TYPE_INT_RGB), "jpg")).orElseThrow();
        assertThat(jpeg.format()).isEqualTo(UploadedImage.Format.JPEG);
        assertThat(jpeg.width()).isEqualTo(123);
        assertThat(jpeg.height()).isEqualTo(45);
    }

    @Test
    void webpHeadersOfAllThreeKinds() {
        // VP8L (lossless) header of a 2x3 image: signature 0x2F, then 14-bit width-1 and height-1.
        byte[] lossless = HexFormat.of().parseHex("524946461a000000574542505650384c0d0000002f0180000000000000000000");
        assertThat(UploadedImage.inspect(lossless)).contains(new UploadedImage(UploadedImage.Format.WEBP, 2, 3, false));
        // VP8X (extended) header: canvas 640x480 stored as 24-bit little-endian width-1 and height-1.
        byte[] extended = HexFormat.of().parseHex("52494646240000005745425056503858" + "0a000000" + "10000000" + "7f0200" + "df0100"
                + "0000000000");
        assertThat(UploadedImage.inspect(extended)).contains(new UploadedImage(UploadedImage.Format.WEBP, 640, 480, false));
        // VP8 (lossy): frame tag, start code 9d 01 2a, then 14-bit width and height.
        byte[] lossy = HexFormat.of().parseHex("52494646200000005745425056503820" + "14000000" + "000000" + "9d012a" + "2003" + "5802"
                + "0000");
        assertThat(UploadedImage.inspect(lossy)).contains(new UploadedImage(UploadedImage.Format.WEBP, 800, 600, false));
    }

    @Test
    void namesAndDeclaredTypesDoNotMatterOnlyBytes() throws IOException {
        assertThat(UploadedImage.inspect("not an image at all".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(UploadedImage.inspect(encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "gif"))).isEmpty();
        assertThat(UploadedImage.inspect(new byte[0])).isEmpty();
        // A truncated PNG is still a PNG; its size is unknown.
        byte[] png = encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png");
        byte[] truncated = java.util.Arrays.copyOf(png, 12);
        assertThat(UploadedImage.inspect(truncated)).contains(new UploadedImage(UploadedImage.Format.PNG, 0, 0, false));
    }
}
