package io.atelier.core.prompt.moderation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One blocklist entry, compiled. The syntax (global list and team lists alike):
 * <ul>
 *   <li>{@code word} or {@code two words}: case-insensitive, whole words only — not preceded or
 *       followed by a letter or digit, so {@code ass} blocks "ass" and "ass." but not "class" or
 *       "assistant". Between the words of a phrase any run of non-letters matches ({@code hate speech}
 *       also blocks "hate-speech"). A trailing {@code *} on a word allows any ending: {@code gor*}
 *       blocks "gore" and "gory".</li>
 *   <li>{@code re:<regex>}: a Java regular expression, case-insensitive and Unicode-aware, found
 *       anywhere in the prompt (use {@code \b} for boundaries yourself).</li>
 *   <li>An optional {@code [category]} prefix names the category reported when it matches:
 *       {@code [violence] re:\bbehead\w*}.</li>
 * </ul>
 * Prompts are NFKC-normalised before matching, so full-width and other compatibility forms of
 * letters match their plain forms.
 *
 * @param id       how the rule is named in a block: {@code global#3} or {@code team#<entry id>}
 * @param entry    the entry as written, without its category prefix
 * @param category the category, or null
 */
public record BlocklistRule(String id, String entry, String category, Pattern pattern) {

    public static final int MAX_ENTRY_LENGTH = 500;
    private static final Pattern CATEGORY = Pattern.compile("^\\[([^\\]]{1,60})]\\s*(.*)$", Pattern.DOTALL);
    private static final String LETTER_OR_DIGIT = "[\\p{L}\\p{N}]";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    public BlocklistRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Compiles an entry.
     *
     * @param category overrides a {@code [category]} prefix of the entry when not null
     * @throws IllegalArgumentException with a message fit for the user when the entry is empty,
     *                                  too long or an invalid regex
     */
    public static BlocklistRule compile(String id, String rawEntry, String category) {
        String entry = rawEntry == null ? "" : rawEntry.strip();
        String prefixCategory = null;
        Matcher c = CATEGORY.matcher(entry);
        if (c.matches()) {
            prefixCategory = c.group(1).strip();
            entry = c.group(2).strip();
        }
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("a blocklist entry must not be empty");
        }
        if (entry.length() > MAX_ENTRY_LENGTH) {
            throw new IllegalArgumentException("a blocklist entry must be at most " + MAX_ENTRY_LENGTH + " characters");
        }
        Pattern pattern;
        if (entry.regionMatches(true, 0, "re:", 0, 3)) {
            String regex = entry.substring(3).strip();
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("'re:' needs a regular expression after it");
            }
            try {
                pattern = Pattern.compile(regex, FLAGS);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression: " + e.getDescription());
            }
            if (pattern.matcher("").find()) {
                throw new IllegalArgumentException("the regular expression matches empty text, so it would block every prompt");
            }
        } else {
            pattern = Pattern.compile(wordPattern(normalize(entry)), FLAGS);
        }
        String cat = category != null && !category.isBlank() ? category.strip() : prefixCategory;
        return new BlocklistRule(id, entry, cat, pattern);
    }

    private static String wordPattern(String phrase) {
        StringBuilder regex = new StringBuilder("(?<!" + LETTER_OR_DIGIT + ")");
        String[] words = phrase.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i > 0) {
                regex.append("[^\\p{L}\\p{N}]+");
            }
            boolean prefix = word.endsWith("*") && word.length() > 1;
            String stem = prefix ? word.substring(0, word.length() - 1) : word;
            regex.append(Pattern.quote(stem));
            if (prefix) {
                regex.append(LETTER_OR_DIGIT).append("*");
            }
        }
        return regex.append("(?!" + LETTER_OR_DIGIT + ")").toString();
    }

    /** The text this rule found in the prompt, if any. {@code text} must be {@link #normalize normalised}. */
    public Optional<String> findIn(CharSequence text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** NFKC, so "ｇｏｒｅ" matches "gore". */
    public static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** The entry as shown in listings, with its category prefix. */
    public String display() {
        return category == null ? entry : "[" + category + "] " + entry;
    }

    @Override
    public String toString() {
        return id + (category == null ? "" : " [" + category.toLowerCase(Locale.ROOT) + "]");
    }
}
