package io.atelier.core.gallery;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/**
 * A gallery request that cannot be honoured, with a stable {@link #code()} and a {@link Kind}
 * the HTTP layers map to a status (404, 403, 409, 400, 429).
 */
public class GalleryException extends AtelierException {

    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID, RATE_LIMITED }

    private final Kind kind;

    public GalleryException(Kind kind, String code, String field, String message) {
        super(errorKind(kind), code, field, message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    private static ErrorKind errorKind(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case FORBIDDEN -> ErrorKind.FORBIDDEN;
            case CONFLICT -> ErrorKind.CONFLICT;
            case INVALID -> ErrorKind.INVALID;
            case RATE_LIMITED -> ErrorKind.LIMITED;
        };
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
