package io.atelier.core.prompt.inline;

import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.provider.AspectRatio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Midjourney-style parameters at the end of a prompt: {@code a fox in snow --ar 16:9 --no people, cars}.
 *
 * <p>Syntax: a flag is {@code --name} (or {@code —name}, as phones autocorrect {@code --}) at the
 * start of the text or after whitespace, outside double quotes. Everything before the first flag
 * is the prompt; each flag's value runs to the next flag. Flags: {@code --ar W:H} (alias
 * {@code --aspect}), {@code --no a, b}, {@code --seed N}, {@code --n N}, {@code --model ID},
 * {@code --style TEMPLATE}, {@code --raw}, {@code --public}. Names are case-insensitive.
 *
 * <p>Errors are {@code VALIDATION_ERROR}s whose field is the flag ({@code --seed}): an unknown
 * flag, a flag given twice, a missing or malformed value, a value on a flag that takes none
 * (usually prompt text placed after the flags).
 */
public final class InlineParameterParser {

    /** The largest seed (JavaScript's safe integer range, as the generation service). */
    public static final long MAX_SEED = 9_007_199_254_740_991L;
    public static final int MAX_COUNT = 10;
    public static final List<String> FLAGS = List.of("--ar", "--no", "--seed", "--n", "--model", "--style", "--raw", "--public");

    private InlineParameterParser() {
    }

    /** Parses the flags of {@code text}; text without flags comes back as the prompt, unchanged but trimmed. */
    public static InlineParameters parse(String text) {
        if (text == null) {
            return InlineParameters.none(null);
        }
        List<int[]> starts = flagStarts(text);
        if (starts.isEmpty()) {
            return InlineParameters.none(text.strip());
        }
        String prompt = text.substring(0, starts.getFirst()[0]).strip();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            int[] s = starts.get(i);
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            String name = "--" + text.substring(s[0] + s[1], s[2]).toLowerCase(Locale.ROOT);
            String canonical = canonical(name);
            if (canonical == null) {
                throw PromptValidationException.invalid(name, "unknown flag " + name + "; known flags: "
                        + String.join(", ", FLAGS));
            }
            if (values.containsKey(canonical)) {
                throw PromptValidationException.invalid(canonical, canonical + " is given twice");
            }
            values.put(canonical, text.substring(s[2], end).strip());
        }

        AspectRatio ratio = null;
        String negative = null;
        Long seed = null;
        Integer count = null;
        String model = null;
        String template = null;
        boolean raw = false;
        boolean isPublic = false;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String flag = e.getKey();
            String value = e.getValue();
            switch (flag) {
                case "--ar" -> {
                    String v = single(flag, value, "W:H, e.g. 16:9");
                    ratio = AspectRatio.parse(v).orElseThrow(() -> PromptValidationException.invalid(flag, flag
                            + " must be W:H with a ratio between 1:8 and 8:1, e.g. 16:9 (got '" + v + "')"));
                }
                case "--no" -> {
                    List<String> items = new ArrayList<>();
                    for (String item : value.split(",")) {
                        if (!item.isBlank()) {
                            items.add(item.strip());
                        }
                    }
                    if (items.isEmpty()) {
                        throw PromptValidationException.invalid(flag, flag + " needs what to avoid, e.g. --no text, people");
                    }
                    negative = String.join(", ", items);
                }
                case "--seed" -> seed = integer(flag, single(flag, value, "a number"), 0, MAX_SEED);
                case "--n" -> count = (int) integer(flag, single(flag, value, "a number"), 1, MAX_COUNT);
                case "--model" -> model = single(flag, value, "a model id, e.g. local/preview");
                case "--style" -> template = single(flag, value, "a template name, e.g. photorealistic").toLowerCase(Locale.ROOT);
                case "--raw" -> raw = noValue(flag, value);
                case "--public" -> isPublic = noValue(flag, value);
                default -> throw new IllegalStateException(flag);
            }
        }
        return new InlineParameters(prompt, ratio, negative, seed, count, model, template, raw, isPublic,
                List.copyOf(values.keySet()));
    }

    private static String canonical(String name) {
        return switch (name) {
            case "--ar", "--aspect" -> "--ar";
            case "--no", "--seed", "--n", "--model", "--style", "--raw", "--public" -> name;
            default -> null;
        };
    }

    /**
     * Where flags start: {start, prefix length, end of name} for each {@code --name} or
     * {@code —name} at the beginning or after whitespace, outside double quotes.
     */
    private static List<int[]> flagStarts(String text) {
        List<int[]> starts = new ArrayList<>();
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                continue;
            }
            if (c == '\u201C') {
                inQuotes = true;
                continue;
            }
            if (c == '\u201D') {
                inQuotes = false;
                continue;
            }
            if (inQuotes || (i > 0 && !Character.isWhitespace(text.charAt(i - 1)))) {
                continue;
            }
            int prefix = text.startsWith("--", i) ? 2 : (c == '\u2014' || c == '\u2013') ? 1 : 0;
            if (prefix == 0 || i + prefix >= text.length() || !Character.isLetter(text.charAt(i + prefix))) {
                continue;
            }
            int end = i + prefix;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-'
                    || text.charAt(end) == '_')) {
                end++;
            }
            starts.add(new int[] {i, prefix, end});
            i = end - 1;
        }
        return starts;
    }

    private static String single(String flag, String value, String expected) {
        if (value.isEmpty()) {
            throw PromptValidationException.invalid(flag, flag + " needs a value: " + expected);
        }
        if (value.split("\\s+").length > 1) {
            throw PromptValidationException.invalid(flag, flag + " takes one value (" + expected + "), got '" + value
                    + "'; put the prompt text before the flags");
        }
        return value;
    }

    private static long integer(String flag, String value, long min, long max) {
        if (!value.matches("\\d{1,16}")) {
            throw PromptValidationException.invalid(flag, flag + " must be a whole number between " + min + " and " + max
                    + " (got '" + value + "')");
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw PromptValidationException.invalid(flag, flag + " must be between " + min + " and " + max + " (got " + n + ")");
        }
        return n;
    }

    private static boolean noValue(String flag, String value) {
        if (!value.isEmpty()) {
            throw PromptValidationException.invalid(flag, flag + " takes no value, found '" + value
                    + "'; put the prompt text before the flags");
        }
        return true;
    }
}
