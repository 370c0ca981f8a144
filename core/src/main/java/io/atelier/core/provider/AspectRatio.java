package io.atelier.core.provider;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An aspect ratio as the APIs and chat commands write it: {@code 16:9}, {@code 21:9}, and v0's
 * decimal forms {@code 9:19.5}. Terms are 0.01–100 with at most two decimals; the ratio lies
 * within 1:8 … 8:1 (the widest any supported API documents).
 *
 * @param width  reduced integer width term ({@code 19.5:9} is 13:6)
 * @param height reduced integer height term
 * @param label  the ratio as written, shown back to the user
 */
public record AspectRatio(int width, int height, String label) {

    public static final AspectRatio SQUARE = new AspectRatio(1, 1);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?):(\\d{1,3}(?:\\.\\d{1,2})?)");
    private static final double MAX_RATIO = 8.0;

    public AspectRatio {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("aspect ratio terms must be positive: " + width + ":" + height);
        }
        double r = (double) width / height;
        if (r > MAX_RATIO + 1e-9 || r < 1 / MAX_RATIO - 1e-9) {
            throw new IllegalArgumentException("aspect ratio must lie within 1:8 and 8:1: " + label);
        }
        Objects.requireNonNull(label, "label");
    }

    public AspectRatio(int width, int height) {
        this(width, height, width + ":" + height);
    }

    /** Parses {@code 16:9} or {@code 9:19.5}; empty when malformed or out of range. */
    public static Optional<AspectRatio> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Matcher m = FORMAT.matcher(trimmed);
        if (!m.matches()) {
            return Optional.empty();
        }
        long w = new BigDecimal(m.group(1)).movePointRight(2).longValueExact();
        long h = new BigDecimal(m.group(2)).movePointRight(2).longValueExact();
        if (w == 0 || h == 0 || w > 10_000 || h > 10_000) {
            return Optional.empty();
        }
        long g = gcd(w, h);
        try {
            return Optional.of(new AspectRatio((int) (w / g), (int) (h / g), trimmed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ratio of a pixel size reduced to lowest terms, when it is within range and small. */
    public static Optional<AspectRatio> of(ImageSize size) {
        long g = gcd(size.width(), size.height());
        long w = size.width() / g;
        long h = size.height() / g;
        if (w > 100 || h > 100) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AspectRatio((int) w, (int) h));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a pixel size has exactly this ratio ({@code 1029x441} is 21:9 though it reduces to 7:3). */
    public boolean matches(ImageSize size) {
        return (long) size.width() * height == (long) size.height() * width;
    }

    /**
     * Whether a pixel size has this ratio within 3%: backends document sizes such as 1376×768 as
     * their "16:9" (Gemini) or 864×1184 as "3:4", rounded to their pixel grid.
     */
    public boolean approximates(ImageSize size) {
        return Math.abs(Math.log(size.ratio()) - Math.log(value())) <= Math.log(1.03);
    }

    public double value() {
        return (double) width / height;
    }

    /**
     * The exact-ratio size whose longer side is as close as possible to {@code longSide}:
     * {@code 16:9} at 1024 is 1024×576, {@code 21:9} (7:3) is 1022×438.
     */
    public ImageSize sizeForLongSide(int longSide) {
        int unit = Math.max(1, Math.round((float) longSide / Math.max(width, height)));
        return new ImageSize(width * unit, height * unit);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return label;
    }
}
