package io.atelier.core.prompt.preset;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One input a preset takes, filled from {@code variables} (text, enum, number) or from uploaded
 * files (file). A {@code {{key}}} placeholder in the preset's prompt shows where it goes.
 *
 * @param key          {@code [A-Za-z][A-Za-z0-9_]{0,63}}; {@code prompt} is reserved for the user's prompt
 * @param type         text, enum, number or file
 * @param label        human name for forms and chat options; defaults to the key
 * @param description  help text, or null
 * @param required     whether a value (or a default) must exist
 * @param defaultValue used when no value is given: a String (text, enum) or BigDecimal (number); never for files
 * @param options      the allowed values of an enum; empty otherwise
 * @param min          smallest number allowed, or null
 * @param max          largest number allowed, or null
 * @param maxLength    longest text allowed (text only; default 1000)
 * @param multiple     a file requirement that takes several files
 * @param maxFiles     most files a {@code multiple} requirement takes (default 5); 1 otherwise
 * @param role         what the files are for (file only; default reference)
 */
public record PresetRequirement(
        String key,
        RequirementType type,
        String label,
        String description,
        boolean required,
        Object defaultValue,
        List<String> options,
        BigDecimal min,
        BigDecimal max,
        Integer maxLength,
        boolean multiple,
        int maxFiles,
        FileRole role) {

    public PresetRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        options = options == null ? List.of() : List.copyOf(options);
        label = label == null || label.isBlank() ? key : label;
    }
}
