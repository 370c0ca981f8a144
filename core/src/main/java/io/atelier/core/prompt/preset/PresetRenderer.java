package io.atelier.core.prompt.preset;

import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.Resolution;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a preset with a request's variables and files, validating every value against the
 * preset's requirements. Pure: no I/O, deterministic.
 *
 * <p>Rules: a variable the preset does not declare, or a required one without a value or default,
 * is a {@code VALIDATION_ERROR} naming it ({@code variables.<key>}, {@code files.<key>}). Text and
 * enum values are inserted as written (enum options match case-insensitively and render in their
 * declared case); numbers render in plain notation. A file placeholder renders as
 * {@code the source image} or {@code reference image N} / {@code reference images N-M}, numbered
 * across the preset's reference files. The user's prompt goes where {@code {{prompt}}} stands, or
 * is appended after the rendered text when the preset has no such placeholder.
 */
final class PresetRenderer {

    /** The reserved placeholder for the user's own prompt. */
    public static final String PROMPT_KEY = "prompt";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,63})\\s*}}");
    static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/gif");

    private PresetRenderer() {
    }

    /**
     * @param userPrompt the user's prompt (may be null or blank when the preset is complete)
     * @param variables  {@code key → value} (String, Number or Boolean); null = none
     * @param files      {@code requirement key → files}; null = none
     * @throws PromptValidationException naming the variable, file input or {@code prompt} at fault
     */
    public static PresetRendering render(Preset preset, String userPrompt, Map<String, ?> variables,
                                         Map<String, List<SourceImage>> files) {
        Map<String, PresetRequirement> byKey = new LinkedHashMap<>();
        preset.requirements().forEach(r -> byKey.put(r.key(), r));
        Map<String, ?> given = variables == null ? Map.of() : variables;
        Map<String, List<SourceImage>> givenFiles = files == null ? Map.of() : files;

        for (String key : given.keySet()) {
            PresetRequirement r = byKey.get(key);
            if (r == null) {
                throw PromptValidationException.invalid("variables." + key, "unknown variable '" + key + "' for preset '"
                        + preset.name() + "'; " + describeVariables(preset));
            }
            if (r.type() == RequirementType.FILE) {
                throw PromptValidationException.invalid("variables." + key, "'" + key + "' is a file input of preset '"
                        + preset.name() + "'; upload it as a file, not as a variable");
            }
        }
        for (String key : givenFiles.keySet()) {
            PresetRequirement r = byKey.get(key);
            if (r == null) {
                throw PromptValidationException.invalid("files." + key, "unknown file input '" + key + "' for preset '"
                        + preset.name() + "'; " + describeFiles(preset));
            }
            if (r.type() != RequirementType.FILE) {
                throw PromptValidationException.invalid("files." + key, "'" + key + "' is a " + r.type().wireName()
                        + " variable of preset '" + preset.name() + "'; send it in variables, not as a file");
            }
        }

        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> rendered = new LinkedHashMap<>();
        List<PresetFile> fileInputs = new ArrayList<>();
        int nextReference = 1;
        for (PresetRequirement r : preset.requirements()) {
            if (r.type() == RequirementType.FILE) {
                List<SourceImage> list = checkFiles(preset, r, givenFiles.get(r.key()));
                for (int i = 0; i < list.size(); i++) {
                    fileInputs.add(new PresetFile(r.key(), i, r.role(), list.get(i)));
                }
                if (list.isEmpty()) {
                    rendered.put(r.key(), "");
                } else if (r.role() == FileRole.SOURCE) {
                    rendered.put(r.key(), "the source image");
                } else {
                    int first = nextReference;
                    nextReference += list.size();
                    rendered.put(r.key(), list.size() == 1 ? "reference image " + first
                            : "reference images " + first + "-" + (nextReference - 1));
                }
                continue;
            }
            Object raw = given.get(r.key());
            Object value = raw == null ? null : convert(preset, r, raw);
            if (value == null) {
                value = r.defaultValue();
            }
            if (value == null) {
                if (r.required()) {
                    throw PromptValidationException.invalid("variables." + r.key(), "variable '" + r.key() + "' ("
                            + r.label() + ") is required by preset '" + preset.name() + "'");
                }
                rendered.put(r.key(), "");
                continue;
            }
            values.put(r.key(), value);
            rendered.put(r.key(), value instanceof BigDecimal n ? plain(n) : value.toString());
        }

        String prompt = userPrompt == null ? "" : userPrompt.strip();
        boolean usesPrompt = placeholders(preset.prompt()).contains(PROMPT_KEY);
        if (usesPrompt && prompt.isEmpty()) {
            throw PromptValidationException.invalid("prompt", "preset '" + preset.name()
                    + "' needs a prompt: its text has a {{prompt}} placeholder");
        }
        StringBuilder out = new StringBuilder();
        boolean emptied = false;
        Matcher m = PLACEHOLDER.matcher(preset.prompt());
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals(PROMPT_KEY) ? prompt : rendered.getOrDefault(key, "");
            emptied |= value.isEmpty();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String text = emptied ? tidy(out.toString()) : out.toString().strip();
        if (!usesPrompt && !prompt.isEmpty()) {
            text = text.isEmpty() ? prompt : join(text, prompt);
        }
        return new PresetRendering(preset, text, values, fileInputs, preset.model(),
                preset.aspectRatio() == null ? null : AspectRatio.parse(preset.aspectRatio()).orElse(null),
                preset.resolution() == null ? null : Resolution.parse(preset.resolution()).orElse(null),
                preset.template(), preset.negativePrompt());
    }

    /** The placeholder names used in a preset prompt, in order of appearance. */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Object convert(Preset preset, PresetRequirement r, Object raw) {
        String field = "variables." + r.key();
        return switch (r.type()) {
            case TEXT -> {
                if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
                    throw PromptValidationException.invalid(field, field + " must be text");
                }
                String text = raw.toString().strip();
                int max = r.maxLength() == null ? PresetService.DEFAULT_TEXT_LENGTH : r.maxLength();
                if (text.length() > max) {
                    throw PromptValidationException.invalid(field, field + " must be at most " + max + " characters");
                }
                yield text.isEmpty() ? null : text;
            }
            case ENUM -> {
                if (!(raw instanceof String || raw instanceof Number)) {
                    throw PromptValidationException.invalid(field, field + " must be one of: " + String.join(", ", r.options()));
                }
                String text = raw.toString().strip();
                if (text.isEmpty()) {
                    yield null;
                }
                yield r.options().stream().filter(o -> o.equalsIgnoreCase(text)).findFirst()
                        .orElseThrow(() -> PromptValidationException.invalid(field, field + " must be one of: "
                                + String.join(", ", r.options()) + " (got '" + text + "')"));
            }
            case NUMBER -> {
                BigDecimal number = toNumber(raw);
                if (number == null) {
                    throw PromptValidationException.invalid(field, field + " must be a number");
                }
                if (r.min() != null && number.compareTo(r.min()) < 0 || r.max() != null && number.compareTo(r.max()) > 0) {
                    throw PromptValidationException.invalid(field, field + " must be between "
                            + (r.min() == null ? "-∞" : plain(r.min())) + " and " + (r.max() == null ? "∞" : plain(r.max())));
                }
                yield number;
            }
            case FILE -> throw new IllegalStateException("files are not variables");
        };
    }

    /** A JSON number, or a string holding one (chat options and form fields arrive as text). */
    static BigDecimal toNumber(Object raw) {
        if (raw instanceof BigDecimal b) {
            return b;
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(n.toString()) : null;
        }
        if (raw instanceof String s && s.strip().matches("[-+]?\\d{1,15}(\\.\\d{1,10})?")) {
            return new BigDecimal(s.strip());
        }
        return null;
    }

    private static List<SourceImage> checkFiles(Preset preset, PresetRequirement r, List<SourceImage> given) {
        String field = "files." + r.key();
        List<SourceImage> list = given == null ? List.of() : given;
        if (list.isEmpty()) {
            if (r.required()) {
                throw PromptValidationException.invalid(field, "file '" + r.key() + "' (" + r.label()
                        + ") is required by preset '" + preset.name() + "'");
            }
            return List.of();
        }
        if (!r.multiple() && list.size() > 1) {
            throw PromptValidationException.invalid(field, field + " takes one file, got " + list.size());
        }
        if (list.size() > r.maxFiles()) {
            throw PromptValidationException.invalid(field, field + " takes at most " + r.maxFiles() + " files, got " + list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            SourceImage image = list.get(i);
            String name = r.multiple() ? field + "[" + i + "]" : field;
            if (image == null || image.bytes().length == 0) {
                throw PromptValidationException.invalid(name, name + " is empty");
            }
            String mime = image.mimeType().toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
            if (!IMAGE_TYPES.contains(mime)) {
                throw PromptValidationException.invalid(name, name + " must be a PNG, JPEG, WebP or GIF image, got "
                        + image.mimeType());
            }
        }
        return List.copyOf(list);
    }

    /** Removes what an empty optional value leaves behind: doubled spaces, stray commas. */
    static String tidy(String text) {
        String t = text.replaceAll("[ \\t]{2,}", " ")
                .replaceAll("\\s+([,.;:!?])", "$1")
                .replaceAll(",(\\s*,)+", ",")
                .replaceAll("\\(\\s*\\)", "")
                .replaceAll("[ \\t]{2,}", " ");
        return t.replaceAll("^[\\s,;:]+", "").replaceAll("[\\s,;:]+$", "");
    }

    private static String join(String rendered, String prompt) {
        char last = rendered.charAt(rendered.length() - 1);
        return rendered + (last == '.' || last == '!' || last == '?' ? " " : ", ") + prompt;
    }

    static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private static String describeVariables(Preset preset) {
        List<String> keys = preset.requirements().stream().filter(r -> r.type() != RequirementType.FILE)
                .map(PresetRequirement::key).toList();
        return keys.isEmpty() ? "it takes no variables" : "it takes: " + String.join(", ", keys);
    }

    private static String describeFiles(Preset preset) {
        List<String> keys = preset.requirements().stream().filter(r -> r.type() == RequirementType.FILE)
                .map(PresetRequirement::key).toList();
        return keys.isEmpty() ? "it takes no files" : "it takes files: " + String.join(", ", keys);
    }
}
