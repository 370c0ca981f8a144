package io.atelier.core.brand;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One colour of a brand kit.
 *
 * @param hex  {@code #rrggbb}, lower case; {@code #RGB} and upper case are accepted and normalised
 * @param name optional human name ("navy"), at most {@value #MAX_NAME_LENGTH} characters; null when absent
 */
public record BrandColor(String hex, String name) {

    public static final int MAX_NAME_LENGTH = 40;
    private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    /** @throws BrandKitValidationException naming {@code hex} or {@code name} */
    public BrandColor {
        if (hex == null || hex.isBlank()) {
            throw new BrandKitValidationException("hex", "hex is required, e.g. #1e3a8a");
        }
        String trimmed = hex.strip();
        if (!HEX.matcher(trimmed).matches()) {
            throw new BrandKitValidationException("hex", "hex must be a colour like #1e3a8a or #fff, not '"
                    + BrandKit.shorten(trimmed) + "'");
        }
        if (trimmed.length() == 4) {
            trimmed = "#" + twice(trimmed.charAt(1)) + twice(trimmed.charAt(2)) + twice(trimmed.charAt(3));
        }
        hex = trimmed.toLowerCase(Locale.ROOT);
        name = name == null || name.isBlank() ? null : name.strip();
        if (name != null) {
            BrandKit.checkText("name", name, MAX_NAME_LENGTH);
        }
    }

    private static String twice(char c) {
        return "" + c + c;
    }

    /** As it appears in a prompt: {@code #1e3a8a (navy)} or {@code #1e3a8a}. */
    String promptText() {
        return name == null ? hex : hex + " (" + name + ")";
    }
}
