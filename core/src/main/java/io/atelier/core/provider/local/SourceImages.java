package io.atelier.core.provider.local;

import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoding and resampling of edit inputs (source image and mask). Decoding goes through ImageIO,
 * which reads PNG and JPEG (and GIF, BMP) on every JDK; WebP has no reader in the JDK and is
 * rejected with {@code UNSUPPORTED_IMAGE}. Headless-safe: only {@code javax.imageio} and
 * {@code BufferedImage}, no toolkit or graphics environment. Thread-safe: stateless.
 */
final class SourceImages {

    static final String UNSUPPORTED_IMAGE = "UNSUPPORTED_IMAGE";

    /** Decoding bigger images would only be thrown away by the resize and risks memory (a "decompression bomb"). */
    static final long MAX_PIXELS = 8192L * 8192L;

    /** Straight ARGB pixels of a decoded image. */
    record Decoded(int[] argb, int width, int height, boolean hasAlpha) {
    }

    private SourceImages() {
    }

    /**
     * Decodes an input image.
     *
     * @param role "edit image" or "mask", for the error message
     * @throws ProviderException.NonRetriable {@code UNSUPPORTED_IMAGE} when no decoder reads it, it
     *                                        is corrupt or larger than {@link #MAX_PIXELS}
     */
    static Decoded decode(ProviderRequest.SourceImage image, String role) throws ProviderException.NonRetriable {
        // A memory cache, not ImageIO.createImageInputStream: that may spill to temporary files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image.bytes()))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unsupported(role + " (" + image.mimeType() + ") is not in a format local/preview can read; "
                        + "send PNG or JPEG", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    throw unsupported(role + " is " + width + "x" + height + ", larger than local/preview accepts ("
                            + MAX_PIXELS + " pixels)", null);
                }
                BufferedImage decoded = reader.read(0);
                int[] argb = decoded.getRGB(0, 0, width, height, null, 0, width);
                return new Decoded(argb, width, height, decoded.getColorModel().hasAlpha());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw unsupported(role + " (" + image.mimeType() + ") could not be decoded: " + e.getMessage(), e);
        }
    }

    private static ProviderException.NonRetriable unsupported(String message, Throwable cause) {
        return new ProviderException.NonRetriable(UNSUPPORTED_IMAGE, message, cause);
    }

    /**
     * Resamples straight ARGB pixels to a new size with a tent filter whose support widens when
     * shrinking (so downscaling averages instead of aliasing), in premultiplied space (so
     * transparent pixels do not bleed dark fringes). Returns the input array itself when the size is
     * unchanged: pixels that nothing edits stay bit-identical.
     */
    static int[] resize(int[] argb, int sourceWidth, int sourceHeight, int width, int height) {
        if (sourceWidth == width && sourceHeight == height) {
            return argb;
        }
        Taps horizontal = Taps.of(sourceWidth, width);
        Taps vertical = Taps.of(sourceHeight, height);
        // Pass 1: rows, source height × target width, four premultiplied float channels.
        float[] pass = new float[4 * width * sourceHeight];
        float[] row = new float[4 * sourceWidth];
        for (int y = 0; y < sourceHeight; y++) {
            for (int x = 0; x < sourceWidth; x++) {
                int p = argb[y * sourceWidth + x];
                float a = (p >>> 24) / 255f;
                row[4 * x] = a;
                row[4 * x + 1] = ((p >> 16) & 0xFF) * a;
                row[4 * x + 2] = ((p >> 8) & 0xFF) * a;
                row[4 * x + 3] = (p & 0xFF) * a;
            }
            for (int x = 0; x < width; x++) {
                int[] index = horizontal.index[x];
                float[] weight = horizontal.weight[x];
                float a = 0;
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < index.length; k++) {
                    int s = 4 * index[k];
                    a += row[s] * weight[k];
                    r += row[s + 1] * weight[k];
                    g += row[s + 2] * weight[k];
                    b += row[s + 3] * weight[k];
                }
                int t = 4 * (y * width + x);
                pass[t] = a;
                pass[t + 1] = r;
                pass[t + 2] = g;
                pass[t + 3] = b;
            }
        }
        // Pass 2: columns, then back to straight ARGB.
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int[] index = vertical.index[y];
            float[] weight = vertical.weight[y];
            for (int x = 0; x < width; x++) {
                float a = 0;
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < index.length; k++) {
                    int s = 4 * (index[k] * width + x);
                    a += pass[s] * weight[k];
                    r += pass[s + 1] * weight[k];
                    g += pass[s + 2] * weight[k];
                    b += pass[s + 3] * weight[k];
                }
                int alpha = Math.round(Math.clamp(a, 0f, 1f) * 255);
                if (alpha == 0) {
                    continue;
                }
                float unscale = 1f / a;
                out[y * width + x] = (alpha << 24)
                        | (Colors.clamp255(Math.round(r * unscale)) << 16)
                        | (Colors.clamp255(Math.round(g * unscale)) << 8)
                        | Colors.clamp255(Math.round(b * unscale));
            }
        }
        return out;
    }

    /**
     * The image cropped around its centre to the shape of {@code width × height}, then resampled to
     * it ("cover": nothing is stretched, the overflow is cut off).
     */
    static int[] cover(Decoded image, int width, int height) {
        double target = (double) width / height;
        int cropWidth = image.width();
        int cropHeight = image.height();
        if ((double) image.width() / image.height() > target) {
            cropWidth = Math.max(1, (int) Math.round(image.height() * target));
        } else {
            cropHeight = Math.max(1, (int) Math.round(image.width() / target));
        }
        int left = (image.width() - cropWidth) / 2;
        int top = (image.height() - cropHeight) / 2;
        int[] cropped = new int[cropWidth * cropHeight];
        for (int y = 0; y < cropHeight; y++) {
            System.arraycopy(image.argb(), (top + y) * image.width() + left, cropped, y * cropWidth, cropWidth);
        }
        return resize(cropped, cropWidth, cropHeight, width, height);
    }

    /** Nearest-neighbour resampling: enough for a mask that is thresholded anyway. */
    static int[] resizeNearest(int[] argb, int sourceWidth, int sourceHeight, int width, int height) {
        if (sourceWidth == width && sourceHeight == height) {
            return argb;
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int sy = (int) ((y + 0.5) * sourceHeight / height);
            for (int x = 0; x < width; x++) {
                int sx = (int) ((x + 0.5) * sourceWidth / width);
                out[y * width + x] = argb[sy * sourceWidth + sx];
            }
        }
        return out;
    }

    /** Source indices and normalised weights per target index along one axis. */
    private record Taps(int[][] index, float[][] weight) {

        static Taps of(int sourceLength, int targetLength) {
            double scale = (double) sourceLength / targetLength;
            double support = Math.max(1.0, scale);
            int[][] index = new int[targetLength][];
            float[][] weight = new float[targetLength][];
            for (int i = 0; i < targetLength; i++) {
                double centre = (i + 0.5) * scale - 0.5;
                int first = (int) Math.floor(centre - support) + 1;
                int last = (int) Math.ceil(centre + support) - 1;
                int n = Math.max(1, last - first + 1);
                int[] taps = new int[n];
                float[] weights = new float[n];
                double total = 0;
                for (int k = 0; k < n; k++) {
                    int j = first + k;
                    double w = Math.max(0, 1 - Math.abs(j - centre) / support);
                    taps[k] = Math.clamp(j, 0, sourceLength - 1);
                    weights[k] = (float) w;
                    total += w;
                }
                if (total <= 0) {
                    taps[0] = Math.clamp(Math.round(centre), 0, sourceLength - 1);
                    weights[0] = 1;
                    total = 1;
                }
                for (int k = 0; k < n; k++) {
                    weights[k] /= (float) total;
                }
                index[i] = taps;
                weight[i] = weights;
            }
            return new Taps(index, weight);
        }
    }
}
