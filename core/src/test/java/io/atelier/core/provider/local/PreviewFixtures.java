package io.atelier.core.provider.local;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Requests, calls and image helpers shared by the local/preview tests. */
final class PreviewFixtures {

    private PreviewFixtures() {
    }

    static LocalPreviewProvider provider() {
        return new LocalPreviewProvider(LocalProviderProperties.defaults());
    }

    static ProviderRequest request(String prompt, ImageSize size, long seed) {
        return request(prompt, null, size, 1, seed, null);
    }

    static ProviderRequest request(String prompt, String negativePrompt, ImageSize size, int count, long seed,
                                   String background) {
        return new ProviderRequest(LocalPreviewProvider.MODEL_NAME, prompt, negativePrompt, size, count, seed,
                background, null, null, Map.of(), null);
    }

    static ProviderRequest edit(String prompt, ImageSize size, long seed, ProviderRequest.SourceImage image,
                                ProviderRequest.SourceImage mask) {
        return new ProviderRequest(LocalPreviewProvider.MODEL_NAME, prompt, null, size, 1, seed, null, image, mask,
                Map.of(), null);
    }

    /** The PNG bytes of the only image of a one-image request. */
    static byte[] png(LocalPreviewProvider provider, ProviderRequest request) throws ProviderException {
        ProviderResult result = provider.generate(request, ProviderContext.detached());
        return result.images().getFirst().bytes();
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalStateException("not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deterministic, busy RGB test picture (diagonal bands plus pseudo-random speckles). */
    static BufferedImage testPicture(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        SeededRandom random = new SeededRandom(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255) / Math.max(1, width - 1);
                int g = ((x + y) * 7) & 0xFF;
                int b = (int) (random.nextLong() & 0xFF);
                int a = alpha ? 64 + (int) (random.nextLong() & 0x7F) : 0xFF;
                image.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
