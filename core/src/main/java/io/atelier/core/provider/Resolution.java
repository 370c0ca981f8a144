package io.atelier.core.provider;

import java.util.Locale;
import java.util.Optional;

/** Output resolution class, as Cuppa, v0 and Gemini name it: the longer side of the image. */
public enum Resolution {
    R1K(1024), R2K(2048), R4K(4096);

    private final int longSide;

    Resolution(int longSide) {
        this.longSide = longSide;
    }

    public int longSide() {
        return longSide;
    }

    /** The wire name: {@code 1K}, {@code 2K}, {@code 4K}. */
    public String wireName() {
        return name().substring(1);
    }

    public static Optional<Resolution> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "1K" -> Optional.of(R1K);
            case "2K" -> Optional.of(R2K);
            case "4K" -> Optional.of(R4K);
            default -> Optional.empty();
        };
    }
}
