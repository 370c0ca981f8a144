package io.atelier.core.provider.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a prompt asks the preview renderer to draw: a palette, a set of elements and what the
 * negative prompt rules out. A pure function of the two texts; the per-image seed only varies
 * geometry and nudges colours (see {@link #paletteFor}).
 *
 * <p>How words steer the picture: theme words ("sunset", "snow", "neon" …) pick a hand-made
 * palette; colour words ("red", "teal" …) tint it or, without a theme, generate one; element words
 * ("mountains", "sea", "city" …) choose the layers. A hash of the prompt's words picks the
 * {@link Archetype} that fills in whatever the words leave open, so every prompt gets a full
 * composition. Negative colour words push those hues out of the palette and negative element
 * words remove layers.
 *
 * @param promptHash    hash of the normalised prompt words
 * @param theme         the theme the words call up, or null
 * @param archetype     the composition chosen by the hash
 * @param palette       base palette before per-image jitter
 * @param elements      layers to draw
 * @param moonlit       draw the sun as a moon
 * @param excludedHues  hues (degrees) the negative prompt rules out
 */
record Scene(
        long promptHash,
        Theme theme,
        Archetype archetype,
        Palette palette,
        Set<Element> elements,
        boolean moonlit,
        List<Double> excludedHues) {

    /** Hue distance (degrees) within which a negative colour word removes a colour. */
    private static final double EXCLUDED_HUE_WIDTH = 40;

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Map<String, Theme> THEME_WORDS = new HashMap<>();
    private static final Map<String, Double> HUE_WORDS = new HashMap<>();
    private static final Map<String, Tone> TONE_WORDS = new HashMap<>();
    private static final Map<String, Set<Element>> ELEMENT_WORDS = new HashMap<>();
    /** Words that remove more in a negative prompt than they add in a prompt ("no circles" means no sun either). */
    private static final Map<String, Set<Element>> NEGATIVE_ELEMENT_WORDS = new HashMap<>();

    private enum Tone { LIGHT, GREY, DARK }

    private enum Group { SKY, HORIZON, FLOOR, OVERLAY }

    static {
        for (Theme theme : Theme.values()) {
            theme.words().forEach(word -> THEME_WORDS.put(word, theme));
        }
        hues(0, "red", "scarlet");
        hues(350, "crimson", "ruby", "maroon");
        hues(345, "burgundy", "rose");
        hues(12, "coral");
        hues(22, "copper", "rust", "peach");
        hues(28, "orange", "tangerine");
        hues(25, "brown", "chocolate");
        hues(40, "amber", "bronze");
        hues(46, "gold", "golden");
        hues(55, "yellow", "lemon", "mustard");
        hues(90, "lime", "chartreuse");
        hues(120, "green");
        hues(140, "emerald", "jade");
        hues(150, "mint");
        hues(172, "teal", "turquoise");
        hues(186, "cyan", "aqua");
        hues(208, "azure");
        hues(220, "blue", "sapphire", "cobalt");
        hues(232, "navy");
        hues(250, "indigo");
        hues(268, "violet", "lavender");
        hues(282, "purple", "lilac", "plum");
        hues(305, "magenta", "fuchsia");
        hues(330, "pink");
        tones(Tone.LIGHT, "white", "ivory", "cream", "silver", "pale", "bright");
        tones(Tone.GREY, "grey", "gray", "monochrome", "noir", "muted");
        tones(Tone.DARK, "black", "shadow", "shadows", "gothic");
        elements(Element.SUN, "sun", "sunny", "sunlight", "sunshine", "moon", "moonlight", "planet", "sunset",
                "sunrise", "dawn", "dusk");
        elements(Element.STARS, "star", "starry", "stars", "night", "space", "galaxy", "cosmic", "nebula",
                "constellation", "midnight");
        elements(Element.BOKEH, "bubble", "bokeh", "orb", "circle", "dot", "balloon", "lantern", "firefly",
                "fireflies", "sparkle", "glitter", "abstract", "confetti", "lights");
        elements(Element.SNOW, "snow", "snowy", "snowfall", "blizzard", "snowflake", "winter");
        elements(Element.MOUNTAINS, "mountain", "peak", "alps", "alpine", "hill", "valley", "cliff", "volcano",
                "canyon", "ridge", "summit", "landscape");
        elements(Element.SKYLINE, "city", "skyline", "building", "tower", "skyscraper", "street", "urban", "downtown",
                "metropolis", "town", "cyberpunk");
        elements(Element.FOREST, "forest", "tree", "trees", "woods", "woodland", "pine", "jungle", "grove");
        elements(Element.WAVES, "ocean", "sea", "wave", "lake", "river", "water", "beach", "coast", "bay", "harbor",
                "harbour", "island", "reflection");
        elements(Element.GROUND, "field", "meadow", "plain", "prairie", "road", "desert", "dune", "grass", "farm");
        elements(Element.GRID, "synthwave", "retrowave", "grid", "vaporwave", "outrun", "tron", "arcade");
        elements(Element.STRIPES, "stripe", "striped", "line", "geometric", "pattern", "minimal", "minimalist",
                "bauhaus", "poster", "retro", "zebra");
        elements(Element.GRAIN, "film", "grain", "grainy", "vintage", "analog", "analogue", "noise", "noisy", "lomo",
                "polaroid", "texture");
        NEGATIVE_ELEMENT_WORDS.put("circle", EnumSet.of(Element.BOKEH, Element.SUN));
        NEGATIVE_ELEMENT_WORDS.put("round", EnumSet.of(Element.BOKEH, Element.SUN));
        NEGATIVE_ELEMENT_WORDS.put("orb", EnumSet.of(Element.BOKEH, Element.SUN));
    }

    private static void hues(double hue, String... words) {
        for (String word : words) {
            HUE_WORDS.put(word, hue);
        }
    }

    private static void tones(Tone tone, String... words) {
        for (String word : words) {
            TONE_WORDS.put(word, tone);
        }
    }

    private static void elements(Element element, String... words) {
        for (String word : words) {
            ELEMENT_WORDS.computeIfAbsent(word, w -> EnumSet.noneOf(Element.class)).add(element);
        }
    }

    Scene {
        elements = Collections.unmodifiableSet(elements.isEmpty()
                ? EnumSet.noneOf(Element.class) : EnumSet.copyOf(elements));
        excludedHues = List.copyOf(excludedHues);
    }

    boolean has(Element element) {
        return elements.contains(element);
    }

    /** Whether anything stands on or lies below a horizon line. */
    boolean hasHorizon() {
        for (Element element : elements) {
            if (element.onHorizon() || element.isFloor()) {
                return true;
            }
        }
        return false;
    }

    /** Reads a prompt and an optional negative prompt (null or blank means none). */
    static Scene read(String prompt, String negativePrompt) {
        List<String> words = words(prompt);
        List<String> negativeWords = negativePrompt == null ? List.of() : words(negativePrompt);
        long hash = fnv1a(String.join(" ", words));

        Theme theme = theme(words);
        List<Double> hues = new ArrayList<>();
        EnumSet<Tone> tones = EnumSet.noneOf(Tone.class);
        EnumMap<Group, EnumSet<Element>> named = new EnumMap<>(Group.class);
        for (String word : words) {
            Double hue = lookup(HUE_WORDS, word);
            if (hue != null && !hues.contains(hue)) {
                hues.add(hue);
            }
            Tone tone = lookup(TONE_WORDS, word);
            if (tone != null) {
                tones.add(tone);
            }
            Set<Element> elements = lookup(ELEMENT_WORDS, word);
            if (elements != null) {
                for (Element element : elements) {
                    named.computeIfAbsent(group(element), g -> EnumSet.noneOf(Element.class)).add(element);
                }
            }
        }

        List<Double> excludedHues = new ArrayList<>();
        EnumSet<Element> excluded = EnumSet.noneOf(Element.class);
        for (String word : negativeWords) {
            Double hue = lookup(HUE_WORDS, word);
            if (hue != null && !excludedHues.contains(hue)) {
                excludedHues.add(hue);
            }
            Set<Element> elements = lookup(NEGATIVE_ELEMENT_WORDS, word);
            if (elements == null) {
                elements = lookup(ELEMENT_WORDS, word);
            }
            if (elements != null) {
                excluded.addAll(elements);
            }
        }

        SeededRandom hashed = new SeededRandom(hash);
        Archetype archetype = hashed.pick(Archetype.values());
        Palette palette = theme != null ? tinted(theme.palette(), hues) : generated(hashed, hues, tones);
        palette = toned(palette, tones);
        boolean moonlit = theme == Theme.NIGHT || (theme == null && palette.darkSky());

        EnumSet<Element> elements = EnumSet.noneOf(Element.class);
        EnumSet<Element> base = archetype.elements();
        for (Group group : Group.values()) {
            EnumSet<Element> fromWords = named.getOrDefault(group, EnumSet.noneOf(Element.class));
            EnumSet<Element> fromArchetype = EnumSet.noneOf(Element.class);
            base.stream().filter(e -> group(e) == group).forEach(fromArchetype::add);
            boolean wordsReplace = group == Group.HORIZON || group == Group.FLOOR;
            if (!fromWords.isEmpty() && wordsReplace) {
                elements.addAll(fromWords);
            } else {
                elements.addAll(fromArchetype);
                elements.addAll(fromWords);
            }
        }
        if (moonlit) {
            elements.add(Element.STARS);
        }
        boolean standing = elements.stream().anyMatch(Element::onHorizon);
        boolean floor = elements.stream().anyMatch(Element::isFloor);
        if (standing && !floor) {
            elements.add(Element.GROUND);
        }
        elements.removeAll(excluded);
        return new Scene(hash, theme, archetype, palette, elements, moonlit, excludedHues);
    }

    /**
     * The palette of one image: the base palette shifted a little by the image's own random stream
     * (so the images of one request differ in colour too), with excluded hues pushed out last.
     */
    Palette paletteFor(SeededRandom random) {
        double hueShift = random.range(-6, 6);
        double saturationScale = random.range(0.92, 1.08);
        double valueScale = random.range(0.95, 1.04);
        return palette.map(rgb -> {
            double[] hsv = Colors.toHsv(rgb);
            double hue = hsv[0] + hueShift;
            double saturation = hsv[1] * saturationScale;
            for (double excludedHue : excludedHues) {
                if (saturation > 0.12 && Colors.hueDistance(hue, excludedHue) < EXCLUDED_HUE_WIDTH) {
                    hue += 180;
                    break;
                }
            }
            for (double excludedHue : excludedHues) {
                if (saturation > 0.12 && Colors.hueDistance(hue, excludedHue) < EXCLUDED_HUE_WIDTH) {
                    saturation *= 0.12;
                    break;
                }
            }
            return Colors.fromHsv(hue, saturation, hsv[2] * valueScale);
        });
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Exact word, then the word without a plural {@code s}. */
    private static <T> T lookup(Map<String, T> table, String word) {
        T found = table.get(word);
        if (found == null && word.length() > 3 && word.endsWith("s")) {
            found = table.get(word.substring(0, word.length() - 1));
        }
        return found;
    }

    /** The theme named most often; ties go to the one named first. */
    private static Theme theme(List<String> words) {
        EnumMap<Theme, Integer> hits = new EnumMap<>(Theme.class);
        Theme best = null;
        for (String word : words) {
            Theme theme = lookup(THEME_WORDS, word);
            if (theme != null) {
                int count = hits.merge(theme, 1, Integer::sum);
                if (best == null || count > hits.get(best)) {
                    best = theme;
                }
            }
        }
        return best;
    }

    private static Group group(Element element) {
        return switch (element) {
            case SUN, STARS, BOKEH, SNOW -> Group.SKY;
            case MOUNTAINS, SKYLINE, FOREST -> Group.HORIZON;
            case WAVES, GROUND, GRID -> Group.FLOOR;
            case STRIPES, GRAIN -> Group.OVERLAY;
        };
    }

    /** A theme palette pulled towards the named colours: the first tints land and sky, the last the accents. */
    private static Palette tinted(Palette palette, List<Double> hues) {
        if (hues.isEmpty()) {
            return palette;
        }
        double main = hues.getFirst();
        double accentHue = hues.getLast();
        int accent = Colors.fromHsv(accentHue, 0.75, 0.98);
        return new Palette(
                tint(palette.skyTop(), main, 0.45), tint(palette.skyMid(), main, 0.45),
                tint(palette.horizon(), accentHue, 0.3), Colors.lerp(palette.sun(), accent, 0.3),
                tint(palette.far(), main, 0.4), tint(palette.near(), main, 0.4),
                tint(palette.ground(), main, 0.35), tint(palette.water(), main, 0.45), accent);
    }

    private static int tint(int rgb, double hue, double amount) {
        double value = Colors.toHsv(rgb)[2];
        return Colors.lerp(rgb, Colors.fromHsv(hue, 0.7, value), amount);
    }

    /**
     * A palette from a base hue (the first colour word, else the hash) and an accent hue (the second
     * colour word, else a harmony: analogous, complementary or split-complementary).
     */
    private static Palette generated(SeededRandom hashed, List<Double> hues, EnumSet<Tone> tones) {
        double base = hues.isEmpty() ? hashed.range(0, 360) : hues.getFirst();
        double[] harmonies = {30, 150, 180, 210, -35};
        double accentHue = hues.size() > 1 ? hues.get(1) : base + harmonies[hashed.nextInt(harmonies.length)];
        // A dark tone word darkens every palette afterwards (see toned), so it is not asked for here.
        boolean dark = !tones.contains(Tone.LIGHT) && hashed.chance(0.3);
        double sat = hashed.range(0.4, 0.65);
        return new Palette(
                Colors.fromHsv(base, sat, dark ? 0.16 : 0.62),
                Colors.fromHsv(base + 15, sat * 0.8, dark ? 0.30 : 0.82),
                Colors.fromHsv(accentHue, 0.35, dark ? 0.52 : 0.96),
                Colors.fromHsv(accentHue, 0.22, 1.0),
                Colors.fromHsv(base + 20, sat * 0.7, dark ? 0.26 : 0.55),
                Colors.fromHsv(base + 30, sat * 0.85, dark ? 0.14 : 0.34),
                Colors.fromHsv(base + 40, sat * 0.75, dark ? 0.11 : 0.30),
                Colors.fromHsv(base - 10, sat, dark ? 0.28 : 0.55),
                Colors.fromHsv(accentHue, 0.7, 0.96));
    }

    private static Palette toned(Palette palette, EnumSet<Tone> tones) {
        Palette result = palette;
        if (tones.contains(Tone.GREY)) {
            result = result.map(rgb -> {
                int grey = (int) Math.round(Colors.luma(rgb) * 255);
                return Colors.lerp(rgb, Colors.rgb(grey, grey, grey), 0.7);
            });
        }
        if (tones.contains(Tone.LIGHT)) {
            result = result.map(rgb -> Colors.lerp(rgb, Colors.WHITE, 0.3));
        }
        if (tones.contains(Tone.DARK)) {
            result = result.map(rgb -> Colors.lerp(rgb, Colors.BLACK, 0.4));
        }
        return result;
    }

    /** 64-bit FNV-1a over UTF-8: specified, so stable across JVMs and releases (unlike identity hashes). */
    static long fnv1a(String text) {
        long hash = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001B3L;
        }
        return hash;
    }
}
