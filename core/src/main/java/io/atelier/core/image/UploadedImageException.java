package io.atelier.core.image;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/** An uploaded image that is refused; {@link #code()} is stable, the message names the problem. */
public class UploadedImageException extends AtelierException {

    /** Why an upload was refused. */
    public enum Reason {
        /** Not PNG, JPEG, WebP or GIF by its bytes. */
        UNSUPPORTED_FORMAT("UNSUPPORTED_IMAGE_FORMAT"),
        /** Its header declares more pixels than allowed (a decompression bomb, or just too big). */
        TOO_MANY_PIXELS("IMAGE_TOO_LARGE"),
        /** The bytes claim a format but are not a readable image of it. */
        INVALID("INVALID_IMAGE");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public UploadedImageException(Reason reason, String message) {
        this(reason, message, null);
    }

    public UploadedImageException(Reason reason, String message, Throwable cause) {
        super(ErrorKind.INVALID, reason.code(), null, message, null, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
