package io.atelier.core.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalPreviewPngEncoderTest {

    private static int[] randomPixels(int count, boolean alpha) {
        SeededRandom random = new SeededRandom(count);
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) {
            int pixel = (int) random.nextLong();
            // Smooth runs as well as noise, so both literal and match paths of zlib are exercised.
            pixels[i] = i % 7 < 3 && i > 0 ? pixels[i - 1] : pixel;
            if (!alpha) {
                pixels[i] |= 0xFF000000;
            }
        }
        return pixels;
    }

    @ParameterizedTest
    @EnumSource(PngEncoder.Filter.class)
    void roundTripsThroughImageIo(PngEncoder.Filter filter) throws IOException {
        // 300x300 spans several 64 KB input batches; 22000x2 has rows longer than a batch.
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {257, 31}, {64, 64}, {300, 300}, {22000, 2}}) {
            for (boolean alpha : new boolean[] {false, true}) {
                int width = size[0];
                int height = size[1];
                int[] pixels = randomPixels(width * height, alpha);

                byte[] png = PngEncoder.encode(pixels, width, height, alpha, filter, 1, Deflater.DEFAULT_STRATEGY);
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));

                assertThat(decoded.getWidth()).isEqualTo(width);
                assertThat(decoded.getHeight()).isEqualTo(height);
                assertThat(decoded.getColorModel().hasAlpha()).isEqualTo(alpha);
                assertThat(decoded.getRGB(0, 0, width, height, null, 0, width)).isEqualTo(pixels);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PngEncoder.Filter.class)
    void sameInputSameBytes(PngEncoder.Filter filter) {
        int[] pixels = randomPixels(100 * 50, false);

        assertThat(PngEncoder.encode(pixels, 100, 50, false, filter, 1, Deflater.DEFAULT_STRATEGY))
                .isEqualTo(PngEncoder.encode(pixels, 100, 50, false, filter, 1, Deflater.DEFAULT_STRATEGY));
    }
}
