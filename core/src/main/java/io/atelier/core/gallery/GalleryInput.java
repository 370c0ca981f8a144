package io.atelier.core.gallery;

/** Checks of the gallery's text inputs and page sizes; a bad value is an INVALID naming its field. */
final class GalleryInput {

    static final int MAX_NOTE = 2000;
    static final int MAX_REASON = 100;

    private GalleryInput() {
    }

    static String requireText(String field, String value, int max) {
        String text = optionalText(field, value, max);
        if (text == null) {
            throw GalleryException.invalid(field, field + " is required");
        }
        return text;
    }

    /** The stripped text, null when blank. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw GalleryException.invalid(field, field + " must be at most " + max + " characters");
        }
        return text;
    }

    /** A page size: 20 when not given, at most 100. */
    static int clamp(int limit) {
        return limit <= 0 ? 20 : Math.min(limit, 100);
    }
}
