package io.atelier.core.provider;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An aspect ratio {@code W:H} as the APIs and chat commands write it ({@code 16:9}). Both terms are
 * 1–64 and the ratio lies within 1:4 … 4:1, the range every supported backend can render.
 */
public record AspectRatio(int width, int height) {

    public static final AspectRatio SQUARE = new AspectRatio(1, 1);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3}):(\\d{1,3})");

    public AspectRatio {
        if (width < 1 || height < 1 || width > 64 || height > 64) {
            throw new IllegalArgumentException("aspect ratio terms must be 1-64: " + width + ":" + height);
        }
        double r = (double) width / height;
        if (r > 4.0 || r < 0.25) {
            throw new IllegalArgumentException("aspect ratio must lie within 1:4 and 4:1: " + width + ":" + height);
        }
    }

    /** Parses {@code 16:9}; empty when malformed or out of range. */
    public static Optional<AspectRatio> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AspectRatio(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ratio of a pixel size reduced to lowest terms, when it is within range. */
    public static Optional<AspectRatio> of(ImageSize size) {
        int g = gcd(size.width(), size.height());
        int w = size.width() / g;
        int h = size.height() / g;
        if (w > 64 || h > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AspectRatio(w, h));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a pixel size has exactly this ratio ({@code 1029x441} is 21:9 though it reduces to 7:3). */
    public boolean matches(ImageSize size) {
        return (long) size.width() * height == (long) size.height() * width;
    }

    public double value() {
        return (double) width / height;
    }

    /**
     * The exact-ratio size whose longer side is as close as possible to {@code longSide}:
     * {@code 16:9} at 1024 is 1024×576, {@code 21:9} is 1029×441.
     */
    public ImageSize sizeForLongSide(int longSide) {
        int unit = Math.max(1, Math.round((float) longSide / Math.max(width, height)));
        return new ImageSize(width * unit, height * unit);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return width + ":" + height;
    }
}
