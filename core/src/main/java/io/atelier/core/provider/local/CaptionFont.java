package io.atelier.core.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A built-in 5×7 pixel font for the small "local/preview" caption: no font files, no font
 * configuration, so it draws the same on a bare headless server as anywhere else. Upper case,
 * digits and a little punctuation; {@link #normalise} maps other text onto that set.
 */
final class CaptionFont {

    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;
    /** Glyph width plus one column of spacing. */
    static final int ADVANCE = GLYPH_WIDTH + 1;

    /** Each glyph: 7 rows of 5 bits, most significant bit leftmost; drawn in caption-font.txt beside this class. */
    private static final Map<Character, int[]> GLYPHS = new HashMap<>();

    static {
        try (InputStream in = CaptionFont.class.getResourceAsStream("caption-font.txt")) {
            if (in == null) {
                throw new IllegalStateException("caption-font.txt is missing beside CaptionFont");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("# ")) {
                    String[] parts = line.strip().split(" ");
                    glyph(parts[0].equals("SPACE") ? ' ' : parts[0].charAt(0), Arrays.copyOfRange(parts, 1, parts.length));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CaptionFont() {
    }

    private static void glyph(char c, String... rows) {
        if (rows.length != GLYPH_HEIGHT || Arrays.stream(rows).anyMatch(r -> r.length() != GLYPH_WIDTH)) {
            throw new IllegalStateException("caption-font.txt: glyph '" + c + "' is not " + GLYPH_HEIGHT + " rows of "
                    + GLYPH_WIDTH);
        }
        int[] bits = new int[GLYPH_HEIGHT];
        for (int row = 0; row < GLYPH_HEIGHT; row++) {
            for (int col = 0; col < GLYPH_WIDTH; col++) {
                if (rows[row].charAt(col) == '#') {
                    bits[row] |= 1 << (GLYPH_WIDTH - 1 - col);
                }
            }
        }
        GLYPHS.put(c, bits);
    }

    /** Upper-cases the text and turns every run of characters the font lacks into one space. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c != ' ' && GLYPHS.containsKey(c)) {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                out.append(c);
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString();
    }

    /** Draws normalised text with its top-left corner at (x, y), each font pixel {@code scale}² canvas pixels. */
    static void draw(Canvas canvas, String text, int x, int y, int scale, int rgb, int alpha) {
        for (int i = 0; i < text.length(); i++) {
            int[] bits = GLYPHS.get(text.charAt(i));
            if (bits == null) {
                continue;
            }
            int left = x + i * ADVANCE * scale;
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if ((bits[row] & (1 << (GLYPH_WIDTH - 1 - col))) != 0) {
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                canvas.blend(left + col * scale + dx, y + row * scale + dy, rgb, alpha);
                            }
                        }
                    }
                }
            }
        }
    }
}
