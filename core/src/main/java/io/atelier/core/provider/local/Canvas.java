package io.atelier.core.provider.local;

/**
 * A premultiplied ARGB pixel buffer ({@code int[]}, row-major) with the few anti-aliased drawing
 * primitives the renderer needs. Working on the array directly is an order of magnitude faster
 * than Java2D calls per shape pixel and needs no graphics environment. Premultiplied storage makes
 * "paint over" one formula for opaque and transparent canvases alike. Not thread-safe.
 */
final class Canvas {

    /** Ordered-dither thresholds (4×4 Bayer) in 1/256 steps: smooth gradients without banding, and repetitive enough to compress well. */
    private static final int[] BAYER = {
        0, 8, 2, 10,
        12, 4, 14, 6,
        3, 11, 1, 9,
        15, 7, 13, 5,
    };

    final int width;
    final int height;
    final int[] pixels;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = new int[Math.multiplyExact(width, height)];
    }

    /** Paints {@code rgb} with coverage {@code alpha} (0–255) over pixel (x, y); ignores points outside. */
    void blend(int x, int y, int rgb, int alpha) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            int i = y * width + x;
            pixels[i] = Colors.over(pixels[i], rgb, alpha);
        }
    }

    void blendIndex(int index, int rgb, int alpha) {
        pixels[index] = Colors.over(pixels[index], rgb, alpha);
    }

    /**
     * Fills row {@code y} from {@code x0} (inclusive) to {@code x1} (exclusive) with an opaque
     * colour given in fractional channels (0–255), ordered-dithered to 8 bits.
     */
    void fillRowDithered(int y, int x0, int x1, double red, double green, double blue) {
        int r = (int) (red * 256);
        int g = (int) (green * 256);
        int b = (int) (blue * 256);
        int[] phase = new int[4];
        int bayerRow = (y & 3) * 4;
        for (int k = 0; k < 4; k++) {
            int threshold = BAYER[bayerRow + k] * 16 + 8;
            phase[k] = 0xFF000000
                    | (Math.min(255, (r + threshold) >> 8) << 16)
                    | (Math.min(255, (g + threshold) >> 8) << 8)
                    | Math.min(255, (b + threshold) >> 8);
        }
        int from = Math.max(0, x0);
        int to = Math.min(width, x1);
        if (to <= from) {
            return;
        }
        int offset = y * width;
        int seed = Math.min(to, from + 4);
        for (int x = from; x < seed; x++) {
            pixels[offset + x] = phase[x & 3];
        }
        // The row is periodic with period 4: copy what is done onto what is not, doubling each time.
        for (int done = seed - from; from + done < to; done *= 2) {
            System.arraycopy(pixels, offset + from, pixels, offset + from + done, Math.min(done, to - from - done));
        }
    }

    /**
     * Paints the horizontal span [x0, x1) of row y (fractional ends are anti-aliased by their
     * coverage) with colour {@code rgb} at opacity {@code alpha}.
     */
    void fillSpan(int y, double x0, double x1, int rgb, int alpha) {
        if (y < 0 || y >= height || x1 <= x0) {
            return;
        }
        double left = Math.max(0, x0);
        double right = Math.min(width, x1);
        if (right <= left) {
            return;
        }
        int first = (int) Math.floor(left);
        int last = (int) Math.ceil(right) - 1;
        int offset = y * width;
        if (first == last) {
            blendIndex(offset + first, rgb, (int) Math.round(alpha * (right - left)));
            return;
        }
        blendIndex(offset + first, rgb, (int) Math.round(alpha * (first + 1 - left)));
        blendIndex(offset + last, rgb, (int) Math.round(alpha * (right - last)));
        if (alpha >= 255) {
            int solid = 0xFF000000 | rgb;
            for (int x = first + 1; x < last; x++) {
                pixels[offset + x] = solid;
            }
        } else {
            for (int x = first + 1; x < last; x++) {
                blendIndex(offset + x, rgb, alpha);
            }
        }
    }

    /** An anti-aliased disc of opacity {@code alpha}; sub-pixel discs fade instead of vanishing. */
    void fillDisc(double cx, double cy, double radius, int rgb, int alpha) {
        double reach = radius + 1;
        int x0 = Math.max(0, (int) Math.floor(cx - reach));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) Math.floor(cy - reach));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + reach));
        double fade = radius < 0.75 ? radius / 0.75 : 1;
        double edge = Math.max(radius, 0.75);
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            int offset = y * width;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double coverage = edge - Math.sqrt(dx * dx + dy * dy) + 0.5;
                if (coverage > 0) {
                    blendIndex(offset + x, rgb, (int) Math.round(alpha * fade * Math.min(1, coverage)));
                }
            }
        }
    }

    /** Whether any pixel is not fully opaque. */
    boolean hasTransparency() {
        for (int pixel : pixels) {
            if ((pixel >>> 24) != 0xFF) {
                return true;
            }
        }
        return false;
    }

    /** The pixels as straight (non-premultiplied) ARGB, in place: the canvas must not be drawn on afterwards. */
    int[] toStraightArgb() {
        for (int i = 0; i < pixels.length; i++) {
            int pixel = pixels[i];
            if ((pixel >>> 24) != 0xFF) {
                pixels[i] = Colors.unpremultiply(pixel);
            }
        }
        return pixels;
    }
}
