package io.atelier.core.api.recoup;

import io.atelier.core.api.ErrorDialect;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An answer of the Recoup dialect other than 200, rendered as {@code {"error": message, ...extra}}.
 *
 * @see RecoupExceptionHandler
 */
class RecoupException extends AtelierException {

    private final HttpStatus status;
    private final Map<String, Object> extra;

    RecoupException(HttpStatus status, String message) {
        this(status, message, Map.of());
    }

    RecoupException(HttpStatus status, String message, Map<String, Object> extra) {
        super(ErrorKind.forStatus(status.value()), ErrorDialect.codeFor(status.value()), null, message);
        this.status = status;
        this.extra = Map.copyOf(extra);
    }

    static RecoupException badRequest(String message) {
        return new RecoupException(HttpStatus.BAD_REQUEST, message);
    }

    HttpStatus status() {
        return status;
    }

    Map<String, Object> extra() {
        return extra;
    }
}
