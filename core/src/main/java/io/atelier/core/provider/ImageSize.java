package io.atelier.core.provider;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pixel size, written {@code WIDTHxHEIGHT} on the wire. */
public record ImageSize(int width, int height) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    public ImageSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
    }

    /** Parses {@code 1024x1536}; empty when the text is not of that form. */
    public static Optional<ImageSize> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        return w < 1 || h < 1 ? Optional.empty() : Optional.of(new ImageSize(w, h));
    }

    public double ratio() {
        return (double) width / height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
