package io.atelier.tools;

import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.AspectRatio;
import java.util.Locale;

/** The tools' argument checks: each failure is a {@link ToolException} naming the argument and the fix. */
final class ToolArguments {

    private ToolArguments() {
    }

    static AspectRatio aspectRatio(String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        return AspectRatio.parse(value).orElseThrow(() -> new ToolException("Invalid aspect_ratio '" + value
                + "': write it as W:H, such as 1:1, 16:9 or 9:16, between 1:8 and 8:1."));
    }

    static GenerationStatus status(String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return GenerationStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ToolException("Invalid status '" + value + "': use queued, processing, succeeded, failed or canceled.");
        }
    }

    static int limit(Integer limit) {
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > AtelierTools.MAX_LIST) {
            throw new ToolException("Invalid limit " + n + ": use 1 to " + AtelierTools.MAX_LIST + ".");
        }
        return n;
    }

    static void requireText(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw new ToolException("Missing " + argument + ": it is required.");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Checked before anything is submitted: a bad wait must not cost a generation whose id is then lost. */
    static void waitSeconds(Integer seconds) {
        if (seconds != null && (seconds < 0 || seconds > AtelierTools.MAX_WAIT_SECONDS)) {
            throw new ToolException("Invalid wait_seconds " + seconds + ": use 0 to " + AtelierTools.MAX_WAIT_SECONDS + ".");
        }
    }
}
