package io.atelier.core.brand;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A team's brand: colours and style words, used to steer generated images (Cuppa's
 * {@code use_brand_colors}, chat commands, the prompt pipeline).
 *
 * @param colors     at most {@value #MAX_COLORS}, in the team's order of importance, no duplicate hex
 * @param styleWords at most {@value #MAX_STYLE_WORDS} words or short phrases ("minimal", "flat vector"),
 *                   each at most {@value #MAX_STYLE_WORD_LENGTH} characters, no duplicates (ignoring case)
 */
public record BrandKit(List<BrandColor> colors, List<String> styleWords) {

    public static final int MAX_COLORS = 12;
    public static final int MAX_STYLE_WORDS = 12;
    public static final int MAX_STYLE_WORD_LENGTH = 40;

    /** No colours, no style: {@link BrandKitService#applyTo} leaves prompts as they are. */
    public static final BrandKit EMPTY = new BrandKit(List.of(), List.of());

    /** @throws BrandKitValidationException naming the part at fault ({@code colors}, {@code styleWords[1]}) */
    public BrandKit {
        colors = colors == null ? List.of() : List.copyOf(colors);
        if (colors.size() > MAX_COLORS) {
            throw new BrandKitValidationException("colors", "colors may hold at most " + MAX_COLORS + " colours, not "
                    + colors.size());
        }
        Set<String> hexes = new HashSet<>();
        for (int i = 0; i < colors.size(); i++) {
            if (!hexes.add(colors.get(i).hex())) {
                throw new BrandKitValidationException("colors[" + i + "].hex", "colors[" + i + "].hex repeats "
                        + colors.get(i).hex());
            }
        }
        styleWords = styleWords == null ? List.of() : styleWords.stream()
                .map(w -> w == null ? null : w.strip()).toList();
        if (styleWords.size() > MAX_STYLE_WORDS) {
            throw new BrandKitValidationException("styleWords", "styleWords may hold at most " + MAX_STYLE_WORDS
                    + " entries, not " + styleWords.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < styleWords.size(); i++) {
            String field = "styleWords[" + i + "]";
            String word = styleWords.get(i);
            if (word == null || word.isEmpty()) {
                throw new BrandKitValidationException(field, field + " must not be empty");
            }
            checkText(field, word, MAX_STYLE_WORD_LENGTH);
            if (!seen.add(word.toLowerCase(Locale.ROOT))) {
                throw new BrandKitValidationException(field, field + " repeats '" + word + "'");
            }
        }
    }

    public boolean isEmpty() {
        return colors.isEmpty() && styleWords.isEmpty();
    }

    /**
     * Words and names end up inside prompts: one line of printable text, no separators of the
     * clause ({@code ;}), bounded length.
     */
    static void checkText(String field, String text, int maxLength) {
        Objects.requireNonNull(text);
        if (text.length() > maxLength) {
            throw new BrandKitValidationException(field, field + " must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == ';') {
                throw new BrandKitValidationException(field, field + " must be one line of text without ';'");
            }
        }
    }

    static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
