package io.atelier.core.api.cuppa;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error of the Cuppa dialect with its status, stable code and, when one field is at fault, the
 * field's name as the client wrote it ({@code settings.size}, {@code article_ids[3]}).
 */
class CuppaApiException extends AtelierException {

    private final HttpStatus status;
    private final Map<String, Object> details;

    CuppaApiException(HttpStatus status, String code, String field, String message, Map<String, Object> details) {
        super(ErrorKind.forStatus(status.value()), code, field, message);
        this.status = status;
        this.details = details == null ? Map.of() : details;
    }

    static CuppaApiException invalid(String field, String message) {
        return new CuppaApiException(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST, field, message, null);
    }

    static CuppaApiException notFound(String message) {
        return new CuppaApiException(HttpStatus.NOT_FOUND, CuppaErrors.NOT_FOUND, null, message, null);
    }

    HttpStatus status() {
        return status;
    }

    Map<String, Object> details() {
        return details;
    }
}
