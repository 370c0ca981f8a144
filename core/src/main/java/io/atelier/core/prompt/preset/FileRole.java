package io.atelier.core.prompt.preset;

import java.util.Locale;
import java.util.Optional;

/** What a preset's file input is for. */
public enum FileRole {
    /** The image to edit: becomes the generation's edit source (one file, at most one per preset). */
    SOURCE,
    /** A reference image (style, subject, product) passed along as a reference. */
    REFERENCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FileRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "source" -> Optional.of(SOURCE);
            case "reference" -> Optional.of(REFERENCE);
            default -> Optional.empty();
        };
    }
}
