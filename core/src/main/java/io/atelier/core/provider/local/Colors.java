package io.atelier.core.provider.local;

/**
 * Arithmetic on packed {@code 0xRRGGBB} colours and on premultiplied {@code 0xAARRGGBB} pixels.
 * Only plain integer and IEEE arithmetic (no {@code Math.sin}/{@code pow} intrinsics), so results
 * are identical on every JVM.
 */
final class Colors {

    static final int WHITE = 0xFFFFFF;
    static final int BLACK = 0x000000;

    private Colors() {
    }

    static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }

    static int rgb(int red, int green, int blue) {
        return (clamp255(red) << 16) | (clamp255(green) << 8) | clamp255(blue);
    }

    static int clamp255(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }

    /** Linear mix: {@code t = 0} gives {@code from}, {@code t = 1} gives {@code to}. */
    static int lerp(int from, int to, double t) {
        if (t <= 0) {
            return from & 0xFFFFFF;
        }
        if (t >= 1) {
            return to & 0xFFFFFF;
        }
        return rgb(
                (int) Math.round(red(from) + (red(to) - red(from)) * t),
                (int) Math.round(green(from) + (green(to) - green(from)) * t),
                (int) Math.round(blue(from) + (blue(to) - blue(from)) * t));
    }

    /** Relative luminance estimate in [0, 1] (Rec. 601 weights, no gamma: good enough to tell dark from light). */
    static double luma(int rgb) {
        return (0.299 * red(rgb) + 0.587 * green(rgb) + 0.114 * blue(rgb)) / 255.0;
    }

    /** HSV to RGB; hue in degrees (any value, wrapped), saturation and value in [0, 1]. */
    static int fromHsv(double hue, double saturation, double value) {
        double h = wrapHue(hue) / 60.0;
        double s = Math.clamp(saturation, 0.0, 1.0);
        double v = Math.clamp(value, 0.0, 1.0);
        int sector = (int) Math.floor(h) % 6;
        double f = h - Math.floor(h);
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double r;
        double g;
        double b;
        switch (sector) {
            case 0 -> { r = v; g = t; b = p; }
            case 1 -> { r = q; g = v; b = p; }
            case 2 -> { r = p; g = v; b = t; }
            case 3 -> { r = p; g = q; b = v; }
            case 4 -> { r = t; g = p; b = v; }
            default -> { r = v; g = p; b = q; }
        }
        return rgb((int) Math.round(r * 255), (int) Math.round(g * 255), (int) Math.round(b * 255));
    }

    /** RGB to HSV as {@code {hue degrees [0,360), saturation, value}}. */
    static double[] toHsv(int rgb) {
        double r = red(rgb) / 255.0;
        double g = green(rgb) / 255.0;
        double b = blue(rgb) / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double delta = max - min;
        double hue;
        if (delta == 0) {
            hue = 0;
        } else if (max == r) {
            hue = 60 * (((g - b) / delta) % 6);
        } else if (max == g) {
            hue = 60 * ((b - r) / delta + 2);
        } else {
            hue = 60 * ((r - g) / delta + 4);
        }
        return new double[] {wrapHue(hue), max == 0 ? 0 : delta / max, max};
    }

    static double wrapHue(double hue) {
        double h = hue % 360.0;
        return h < 0 ? h + 360.0 : h;
    }

    /** Shortest distance between two hues in degrees, 0 … 180. */
    static double hueDistance(double a, double b) {
        double d = Math.abs(wrapHue(a) - wrapHue(b));
        return d > 180 ? 360 - d : d;
    }

    /** Moves {@code hue} towards {@code target} along the shorter arc by fraction {@code t}. */
    static double hueToward(double hue, double target, double t) {
        double d = wrapHue(target) - wrapHue(hue);
        if (d > 180) {
            d -= 360;
        } else if (d < -180) {
            d += 360;
        }
        return wrapHue(hue + d * t);
    }

    /** Parses {@code #RRGGBB}. */
    static int hex(String text) {
        return Integer.parseInt(text.substring(1), 16);
    }

    /** x / 255 rounded, exact for 0 … 65025. */
    static int div255(int x) {
        x += 128;
        return (x + (x >> 8)) >> 8;
    }

    /**
     * Paints opaque colour {@code rgb} with coverage {@code alpha} (0–255) over a premultiplied
     * pixel. Result stays premultiplied (each colour channel ≤ alpha).
     */
    static int over(int dst, int rgb, int alpha) {
        if (alpha <= 0) {
            return dst;
        }
        if (alpha >= 255) {
            return 0xFF000000 | rgb;
        }
        int inverse = 255 - alpha;
        int a = div255(255 * alpha + (dst >>> 24) * inverse);
        int r = div255(red(rgb) * alpha + ((dst >> 16) & 0xFF) * inverse);
        int g = div255(green(rgb) * alpha + ((dst >> 8) & 0xFF) * inverse);
        int b = div255(blue(rgb) * alpha + (dst & 0xFF) * inverse);
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    /** Mixes two premultiplied pixels: {@code weight} 0–255 of {@code to}. */
    static int mixPremultiplied(int from, int to, int weight) {
        int inverse = 255 - weight;
        int a = div255((from >>> 24) * inverse + (to >>> 24) * weight);
        int r = div255(((from >> 16) & 0xFF) * inverse + ((to >> 16) & 0xFF) * weight);
        int g = div255(((from >> 8) & 0xFF) * inverse + ((to >> 8) & 0xFF) * weight);
        int b = div255((from & 0xFF) * inverse + (to & 0xFF) * weight);
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    static int premultiply(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb;
        }
        if (a == 0) {
            return 0;
        }
        return (a << 24)
                | (div255(((argb >> 16) & 0xFF) * a) << 16)
                | (div255(((argb >> 8) & 0xFF) * a) << 8)
                | div255((argb & 0xFF) * a);
    }

    static int unpremultiply(int pixel) {
        int a = pixel >>> 24;
        if (a == 255) {
            return pixel;
        }
        if (a == 0) {
            return 0;
        }
        int half = a >> 1;
        int r = Math.min(255, (((pixel >> 16) & 0xFF) * 255 + half) / a);
        int g = Math.min(255, (((pixel >> 8) & 0xFF) * 255 + half) / a);
        int b = Math.min(255, ((pixel & 0xFF) * 255 + half) / a);
        return (a << 24) | (r << 16) | (g << 8) | b;
    }
}
