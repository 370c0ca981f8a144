package io.atelier.core.prompt.moderation;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One blocklist entry, compiled. The syntax (global list and team lists alike):
 * <ul>
 *   <li>{@code word} or {@code two words}: case-insensitive, whole words only — not preceded or
 *       followed by a letter or digit, so {@code ass} blocks "ass" and "ass." but not "class" or
 *       "assistant". Between the words of a phrase any run of non-letters matches ({@code hate speech}
 *       also blocks "hate-speech"). A trailing {@code *} on a word allows any ending: {@code gor*}
 *       blocks "gore" and "gory".</li>
 *   <li>{@code re:<regex>}: a regular expression in RE2 syntax, case-insensitive (Unicode case
 *       folding), found anywhere in the prompt. RE2 has no backreferences and no lookaround, and its
 *       {@code \b} and {@code \w} are ASCII-only (use {@code \p{L}} for letters of any script);
 *       such patterns are refused when saved.</li>
 *   <li>An optional {@code [category]} prefix names the category reported when it matches:
 *       {@code [violence] re:\bbehead\w*}.</li>
 * </ul>
 * Prompts are NFKC-normalised before matching, so full-width and other compatibility forms of
 * letters match their plain forms.
 *
 * <p><b>Engine.</b> Every rule, word or {@code re:}, runs on RE2/J: matching time is linear in the
 * length of the prompt times the size of the pattern, whatever the pattern. A tenant can therefore
 * not write a rule that backtracks catastrophically ({@code re:(a+)+b} is an ordinary, fast rule
 * here); the remaining cost of many large rules over a long prompt is bounded by the moderator's
 * per-prompt budget ({@link Blocklist}).
 *
 * @param id       how the rule is named in a block: {@code global#3} or {@code team#<entry id>}
 * @param entry    the entry as written, without its category prefix
 * @param category the category, or null
 * @param pattern  the compiled RE2/J pattern
 * @param group    the capturing group that holds what the rule found (0 for {@code re:} rules; word
 *                 rules match their boundary characters around group 1, as RE2 has no lookaround)
 */
public record BlocklistRule(String id, String entry, String category, Pattern pattern, int group) {

    public static final int MAX_ENTRY_LENGTH = 500;
    private static final java.util.regex.Pattern CATEGORY =
            java.util.regex.Pattern.compile("^\\[([^\\]]{1,60})]\\s*(.*)$", java.util.regex.Pattern.DOTALL);
    private static final String LETTER_OR_DIGIT = "[\\p{L}\\p{N}]";
    private static final String NOT_LETTER_OR_DIGIT = "[^\\p{L}\\p{N}]";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

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
        java.util.regex.Matcher c = CATEGORY.matcher(entry);
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
        int group = 0;
        if (entry.regionMatches(true, 0, "re:", 0, 3)) {
            String regex = entry.substring(3).strip();
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("'re:' needs a regular expression after it");
            }
            try {
                pattern = Pattern.compile(regex, FLAGS);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression: " + e.getDescription()
                        + " (RE2 syntax: no backreferences, no lookahead or lookbehind)");
            }
            if (pattern.matcher("").find()) {
                throw new IllegalArgumentException("the regular expression matches empty text, so it would block every prompt");
            }
        } else {
            pattern = Pattern.compile(wordPattern(normalize(entry)), FLAGS);
            group = 1;
        }
        String cat = category != null && !category.isBlank() ? category.strip() : prefixCategory;
        return new BlocklistRule(id, entry, cat, pattern, group);
    }

    /**
     * {@code (?:^|not-a-letter)(word)(?:not-a-letter|$)}: the boundaries are matched (RE2 has no
     * lookaround) and the word itself is group 1. Two matches cannot share a boundary character,
     * which is harmless: the first match is all that is reported.
     */
    private static String wordPattern(String phrase) {
        StringBuilder regex = new StringBuilder("(?:^|" + NOT_LETTER_OR_DIGIT + ")(");
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
        return regex.append(")(?:" + NOT_LETTER_OR_DIGIT + "|$)").toString();
    }

    /**
     * The text this rule found in the prompt, if any. {@code text} must be {@link #normalize normalised}.
     * Linear in {@code text.length()} (RE2/J); the text is read through {@link CharSequence#charAt},
     * so a budgeted sequence can stop a long match.
     */
    public Optional<String> findIn(CharSequence text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(group)) : Optional.empty();
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
