package io.atelier.core.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The root of every refusal Atelier answers to a caller: an {@link ErrorKind} (what every surface
 * renders by), a stable upper-case {@link #code()} ({@code VALIDATION_ERROR}, {@code PROMPT_BLOCKED}
 * …), the request field at fault when one is, and a retry-after when waiting helps. The message is
 * safe to show to the caller.
 *
 * <p>Surfaces render by {@link #errorKind()}: a dialect's exception handler switches on it, naming a
 * code or wording a message its own way only where its document demands (see docs/design-notes.md,
 * "Errors"), so a new error is one throw of an existing class with a new code, or one {@link ErrorCode}
 * constant.
 */
public class AtelierException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;
    private final String field;
    private final Duration retryAfter;
    private final ErrorCode sharedCode;

    private AtelierException(ErrorKind kind, String code, ErrorCode sharedCode, String field, String message,
                             Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.sharedCode = sharedCode;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** A refusal with a code of its own class; {@code field}, {@code retryAfter} and {@code cause} may be null. */
    protected AtelierException(ErrorKind kind, String code, String field, String message, Duration retryAfter, Throwable cause) {
        this(kind, code, null, field, message, retryAfter, cause);
    }

    protected AtelierException(ErrorKind kind, String code, String field, String message) {
        this(kind, code, null, field, message, null, null);
    }

    /** A refusal of a shared code with a retry-after; {@code field}, {@code retryAfter} and {@code cause} may be null. */
    protected AtelierException(ErrorCode code, String field, String message, Duration retryAfter, Throwable cause) {
        this(code.kind(), code.wireCode(), code, field, message, retryAfter, cause);
    }

    /** A refusal of a shared code; {@code field} and {@code cause} may be null. */
    public AtelierException(ErrorCode code, String field, String message, Throwable cause) {
        this(code, field, message, null, cause);
    }

    /** A refusal of a shared code with its default message. */
    public AtelierException(ErrorCode code) {
        this(code, null, code.defaultMessage(), null, null);
    }

    /** What every surface renders by. */
    public ErrorKind errorKind() {
        return kind;
    }

    /** Stable upper-case code; dialects with lower-case codes lower it. */
    public String code() {
        return code;
    }

    /** The request field at fault, in the core's vocabulary, or null. */
    public String field() {
        return field;
    }

    /** How long to wait before trying again, or null when not known. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The value of a {@code Retry-After} header: whole seconds to wait, at least 1; null without a retry-after. */
    public String retryAfterHeader() {
        return retryAfter == null ? null : Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** The shared code this refusal was made of, or null for a code of its own class (most domain codes). */
    public ErrorCode sharedCode() {
        return sharedCode;
    }
}
