package io.atelier.core.provider.local;

import static io.atelier.core.provider.local.PreviewFixtures.decode;
import static io.atelier.core.provider.local.PreviewFixtures.edit;
import static io.atelier.core.provider.local.PreviewFixtures.encode;
import static io.atelier.core.provider.local.PreviewFixtures.pixels;
import static io.atelier.core.provider.local.PreviewFixtures.png;
import static io.atelier.core.provider.local.PreviewFixtures.provider;
import static io.atelier.core.provider.local.PreviewFixtures.testPicture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LocalPreviewEditTest {

    private static final int WIDTH = 96;
    private static final int HEIGHT = 64;

    private final LocalPreviewProvider provider = provider();

    /** Left half transparent (to be edited), right half opaque (to be kept). */
    private static BufferedImage leftHalfMask(int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask.setRGB(x, y, x < width / 2 ? 0x00000000 : 0xFF000000);
            }
        }
        return mask;
    }

    private static ProviderRequest.SourceImage pngSource(BufferedImage image) {
        return new ProviderRequest.SourceImage(encode(image, "png"), "image/png");
    }

    @Test
    void maskedEditKeepsOpaqueMaskAreasIdenticalAndRepaintsTransparentOnes() throws ProviderException {
        BufferedImage source = testPicture(WIDTH, HEIGHT, false);
        ProviderRequest request = edit("sunset over the sea", new ImageSize(WIDTH, HEIGHT), 3, pngSource(source),
                pngSource(leftHalfMask(WIDTH, HEIGHT)));

        int[] out = pixels(decode(png(provider, request)));
        int[] in = pixels(source);

        int changed = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = y * WIDTH + x;
                if (x >= WIDTH / 2) {
                    assertThat(out[i]).as("kept pixel (%d,%d)", x, y).isEqualTo(in[i]);
                } else if (out[i] != in[i]) {
                    changed++;
                }
            }
        }
        assertThat(changed).isGreaterThan(WIDTH / 2 * HEIGHT * 9 / 10);
    }

    @Test
    void maskedEditKeepsSemiTransparentSourcePixelsBitIdentical() throws ProviderException {
        BufferedImage source = testPicture(WIDTH, HEIGHT, true);
        ProviderRequest request = edit("forest", new ImageSize(WIDTH, HEIGHT), 3, pngSource(source),
                pngSource(leftHalfMask(WIDTH, HEIGHT)));

        BufferedImage result = decode(png(provider, request));
        int[] out = pixels(result);
        int[] in = pixels(source);

        assertThat(result.getColorModel().hasAlpha()).isTrue();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = WIDTH / 2; x < WIDTH; x++) {
                assertThat(out[y * WIDTH + x]).isEqualTo(in[y * WIDTH + x]);
            }
        }
    }

    @Test
    void sourceAndMaskAreResizedToTheRequestedSize() throws ProviderException {
        BufferedImage source = testPicture(150, 100, false);
        ImageSize size = new ImageSize(WIDTH, HEIGHT);
        ProviderRequest request = edit("ocean", size, 3, pngSource(source), pngSource(leftHalfMask(300, 200)));

        BufferedImage result = decode(png(provider, request));
        int[] expectedKept = SourceImages.resize(pixels(source), 150, 100, WIDTH, HEIGHT);
        int[] out = pixels(result);

        assertThat(result.getWidth()).isEqualTo(WIDTH);
        assertThat(result.getHeight()).isEqualTo(HEIGHT);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = WIDTH / 2; x < WIDTH; x++) {
                assertThat(out[y * WIDTH + x]).isEqualTo(expectedKept[y * WIDTH + x]);
            }
        }
    }

    @Test
    void editWithoutMaskOverlaysTheWholePictureButKeepsTheSourceVisible() throws ProviderException {
        BufferedImage source = testPicture(WIDTH, HEIGHT, false);
        ProviderRequest request = edit("neon grid", new ImageSize(WIDTH, HEIGHT), 3, pngSource(source), null);

        int[] out = pixels(decode(png(provider, request)));
        int[] in = pixels(source);

        int changed = 0;
        long difference = 0;
        for (int i = 0; i < in.length; i++) {
            if (out[i] != in[i]) {
                changed++;
            }
            difference += Math.abs(((out[i] >> 16) & 0xFF) - ((in[i] >> 16) & 0xFF));
        }
        assertThat(changed).isGreaterThan(in.length * 9 / 10);
        // An overlay, not a replacement: the source's red ramp still dominates.
        assertThat(difference / in.length).isLessThan(110);
    }

    @Test
    void jpegSourcesAreAccepted() throws ProviderException {
        ProviderRequest.SourceImage jpeg = new ProviderRequest.SourceImage(
                encode(testPicture(WIDTH, HEIGHT, false), "jpeg"), "image/jpeg");

        BufferedImage result = decode(png(provider, edit("snow", new ImageSize(64, 64), 1, jpeg, null)));

        assertThat(result.getWidth()).isEqualTo(64);
    }

    @Test
    void editsAreDeterministic() throws ProviderException {
        ProviderRequest request = edit("gold", new ImageSize(WIDTH, HEIGHT), 9, pngSource(testPicture(WIDTH, HEIGHT, false)),
                pngSource(leftHalfMask(WIDTH, HEIGHT)));

        assertThat(png(provider(), request)).isEqualTo(png(provider, request));
    }

    @Test
    void webpIsRejectedAsUnsupported() {
        byte[] webp = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 \u0018\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        ProviderRequest request = edit("x", new ImageSize(64, 64), 1,
                new ProviderRequest.SourceImage(webp, "image/webp"), null);

        assertThatThrownBy(() -> provider.generate(request, ProviderContext.detached()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_IMAGE");
                    assertThat(e.getMessage()).contains("image/webp").contains("PNG or JPEG");
                });
    }

    @Test
    void corruptImagesAreRejectedAsUnsupported() {
        byte[] truncated = Arrays.copyOf(encode(testPicture(WIDTH, HEIGHT, false), "png"), 60);
        ProviderRequest request = edit("x", new ImageSize(64, 64), 1,
                new ProviderRequest.SourceImage(truncated, "image/png"), null);

        assertThatThrownBy(() -> provider.generate(request, ProviderContext.detached()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class,
                        e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_IMAGE"));
    }

    @Test
    void maskWithoutAlphaIsABadRequest() {
        ProviderRequest request = edit("x", new ImageSize(WIDTH, HEIGHT), 1, pngSource(testPicture(WIDTH, HEIGHT, false)),
                pngSource(testPicture(WIDTH, HEIGHT, false)));

        assertThatThrownBy(() -> provider.generate(request, ProviderContext.detached()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_BAD_REQUEST");
                    assertThat(e.getMessage()).contains("alpha");
                });
    }

    @Test
    void resizeKeepsUniformColoursAndSameSizeIsIdentity() {
        int[] uniform = new int[40 * 30];
        Arrays.fill(uniform, 0xFF336699);

        assertThat(SourceImages.resize(uniform, 40, 30, 17, 61)).containsOnly(0xFF336699);
        assertThat(SourceImages.resize(uniform, 40, 30, 400, 3)).containsOnly(0xFF336699);
        assertThat(SourceImages.resize(uniform, 40, 30, 40, 30)).isSameAs(uniform);
    }
}
