package io.atelier.core.api;

import io.atelier.core.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers, in the {@link ErrorDialect} of the path, what no dialect's own advice (scoped to its
 * controllers' packages) can: a request Spring refuses before a handler is chosen, a path under a
 * dialect's prefix that no route serves (404) or a method the route does not take (405); and a body
 * over its route's limit (413, {@link RequestBodyTooLargeException}), for every route, pages
 * included. Other unrouted paths (pages, files, static resources) go on to {@code /error}
 * ({@link AtelierErrorController}), which answers them in the same way.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnroutedRequestExceptionHandler {

    @ExceptionHandler
    ResponseEntity<?> noRoute(NoResourceFoundException e, HttpServletRequest request) throws NoResourceFoundException {
        ErrorDialect dialect = ErrorDialect.of(request);
        if (!dialect.isApi()) {
            throw e; // not an API path: /error answers it (404)
        }
        return render(dialect, HttpStatus.NOT_FOUND, "NOT_FOUND", "no route " + request.getMethod() + " " + request.getRequestURI());
    }

    @ExceptionHandler
    ResponseEntity<?> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException {
        ErrorDialect dialect = ErrorDialect.of(request);
        if (!dialect.isApi()) {
            throw e;
        }
        ResponseEntity<?> rendered = render(dialect, HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED.wireCode(), e.getMessage());
        return e.getSupportedHttpMethods() == null ? rendered : ResponseEntity.status(rendered.getStatusCode())
                .contentType(MediaType.APPLICATION_JSON)
                .allow(e.getSupportedHttpMethods().toArray(new HttpMethod[0])).body(rendered.getBody());
    }

    /** A body over its route's limit: 413 in the path's dialect (a short text for pages). */
    @ExceptionHandler
    ResponseEntity<?> tooLarge(RequestBodyTooLargeException e, HttpServletRequest request) {
        ErrorDialect dialect = ErrorDialect.of(request);
        if (!dialect.isApi() && !request.getRequestURI().startsWith("/slack/")) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        }
        return render(dialect, HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE.wireCode(), e.getMessage());
    }

    private static ResponseEntity<?> render(ErrorDialect dialect, HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(dialect.body(status.value(), code, message));
    }
}
