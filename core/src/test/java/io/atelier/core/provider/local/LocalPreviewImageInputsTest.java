package io.atelier.core.provider.local;

import static io.atelier.core.provider.local.PreviewFixtures.decode;
import static io.atelier.core.provider.local.PreviewFixtures.encode;
import static io.atelier.core.provider.local.PreviewFixtures.provider;
import static io.atelier.core.provider.local.PreviewFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * local/preview's image inputs: the strength of an init image, reference images composed side by
 * side ({@code /blend}), and an upscale that draws the same image of the same seed again larger.
 */
class LocalPreviewImageInputsTest {

    private static final ImageSize SIZE = new ImageSize(96, 64);

    @Test
    void theCatalogSaysWhatItTakes() {
        ModelCapabilities caps = provider().models().getFirst().capabilities();
        assertThat(caps.maxReferenceImages()).isEqualTo(LocalPreviewProvider.MAX_REFERENCES);
        assertThat(caps.strength()).isTrue();
        assertThat(caps.upscaleFactor()).isEqualTo(2);
    }

    @Test
    void aLowStrengthKeepsTheInitImageCloserThanAHighOne() throws ProviderException {
        BufferedImage source = solid(96, 64, 0x2060C0);
        ProviderRequest.SourceImage init = new ProviderRequest.SourceImage(encode(source, "png"), "image/png");

        BufferedImage subtle = decode(png(vary(init, 0.2)));
        BufferedImage strong = decode(png(vary(init, 0.9)));

        assertThat(distance(subtle, source)).isLessThan(distance(strong, source));
        assertThat(distance(subtle, source)).isLessThan(60);
    }

    @Test
    void referenceImagesAreComposedSideBySideInBands() throws ProviderException {
        List<ProviderRequest.SourceImage> three = List.of(ref(0xFF0000), ref(0x00FF00), ref(0x0000FF));
        ProviderRequest blend = new ProviderRequest(LocalPreviewProvider.MODEL_NAME, "", null, SIZE, 1, 5L, null, null, null,
                Map.of(), null, 0.0, three, null);

        BufferedImage out = decode(png(blend));

        assertThat(out.getWidth()).isEqualTo(96);
        assertThat(out.getRGB(16, 32) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(48, 32) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(out.getRGB(80, 32) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void moreReferencesThanItTakesAreABadRequest() {
        List<ProviderRequest.SourceImage> many = Collections.nCopies(LocalPreviewProvider.MAX_REFERENCES + 1, ref(0x101010));
        ProviderRequest tooMany = new ProviderRequest(LocalPreviewProvider.MODEL_NAME, "x", null, SIZE, 1, 5L, null, null,
                null, Map.of(), null, null, many, null);

        assertThatThrownBy(() -> provider().generate(tooMany, ProviderContext.detached()))
                .isInstanceOf(ProviderException.NonRetriable.class).hasMessageContaining("at most 14 reference images");
    }

    @Test
    void anUpscaleOfItsOwnRenderDrawsTheSameImageOfTheSeedAgainAtTwiceTheSize() throws ProviderException {
        ProviderResult four = provider().generate(request("a lighthouse at dusk", null, SIZE, 4, 77L, null),
                ProviderContext.detached());
        byte[] third = four.images().get(2).bytes();
        ImageSize doubled = new ImageSize(192, 128);

        ProviderResult upscaled = provider().generate(upscale("a lighthouse at dusk", third, doubled, 77L, 2),
                ProviderContext.detached());
        ProviderResult drawnLarge = provider().generate(request("a lighthouse at dusk", null, doubled, 4, 77L, null),
                ProviderContext.detached());

        assertThat(upscaled.images()).singleElement().satisfies(i -> {
            assertThat(i.width()).isEqualTo(192);
            assertThat(i.height()).isEqualTo(128);
            assertThat(i.bytes()).isEqualTo(drawnLarge.images().get(2).bytes());
        });
    }

    @Test
    void anUpscaleOfAnyOtherImageResamplesIt() throws ProviderException {
        byte[] photo = encode(PreviewFixtures.testPicture(48, 32, false), "png");

        ProviderResult upscaled = provider().generate(upscale("a lighthouse at dusk", photo, SIZE, 77L, 0),
                ProviderContext.detached());

        BufferedImage out = decode(upscaled.images().getFirst().bytes());
        assertThat(out.getWidth()).isEqualTo(96);
        assertThat(out.getHeight()).isEqualTo(64);
        BufferedImage shrunk = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        shrunk.createGraphics().drawImage(out, 0, 0, 48, 32, null);
        assertThat(distance(shrunk, decode(photo))).isLessThan(40);
    }

    private static ProviderRequest vary(ProviderRequest.SourceImage init, double strength) {
        return new ProviderRequest(LocalPreviewProvider.MODEL_NAME, "a red sun over the sea", null, SIZE, 1, 3L, null, init,
                null, Map.of(), null, strength, List.of(), null);
    }

    private static ProviderRequest upscale(String prompt, byte[] image, ImageSize size, long seed, int index) {
        return new ProviderRequest(LocalPreviewProvider.MODEL_NAME, prompt, null, size, 1, seed, null,
                new ProviderRequest.SourceImage(image, "image/png"), null, Map.of(), null, null, List.of(),
                new ProviderRequest.Upscale(2, index));
    }

    private static ProviderRequest.SourceImage ref(int rgb) {
        return new ProviderRequest.SourceImage(encode(solid(40, 40, rgb), "png"), "image/png");
    }

    private static byte[] png(ProviderRequest request) throws ProviderException {
        return PreviewFixtures.png(provider(), request);
    }

    private static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Mean absolute difference per RGB channel. */
    private static double distance(BufferedImage a, BufferedImage b) {
        long total = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                total += Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF))
                        + Math.abs((p & 0xFF) - (q & 0xFF));
            }
        }
        return total / (3.0 * a.getWidth() * a.getHeight());
    }
}
