package io.atelier.core.prompt.preset;

import java.util.Locale;
import java.util.Optional;

/** The kind of value a preset requirement takes. Wire names are lower-case. */
public enum RequirementType {
    /** Free text, inserted as written. */
    TEXT,
    /** One of a fixed list of options. */
    ENUM,
    /** A decimal number, optionally bounded. */
    NUMBER,
    /** One image file, or several with {@code multiple: true}. Sent as files, never as variables. */
    FILE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RequirementType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (RequirementType t : values()) {
            if (t.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
