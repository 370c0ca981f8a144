package io.atelier.core.gallery;

/**
 * A gallery request that cannot be honoured, with a stable {@link #code()} and a {@link Kind}
 * the HTTP layers map to a status (404, 403, 409, 400, 429).
 */
public class GalleryException extends RuntimeException {

    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID, RATE_LIMITED }

    private final Kind kind;
    private final String code;
    private final String field;

    public GalleryException(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The request field at fault (INVALID), or null. */
    public String field() {
        return field;
    }

    static GalleryException notFound(String generationId) {
        return new GalleryException(Kind.NOT_FOUND, "GALLERY_ENTRY_NOT_FOUND", null,
                "no gallery entry or generation with id " + generationId);
    }

    static GalleryException forbidden(String message) {
        return new GalleryException(Kind.FORBIDDEN, "FORBIDDEN", null, message);
    }

    static GalleryException conflict(String code, String message) {
        return new GalleryException(Kind.CONFLICT, code, null, message);
    }

    static GalleryException invalid(String field, String message) {
        return new GalleryException(Kind.INVALID, "VALIDATION_ERROR", field, message);
    }
}
