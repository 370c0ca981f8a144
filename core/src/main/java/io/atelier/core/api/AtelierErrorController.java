package io.atelier.core.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /error}, in place of Spring Boot's: the container forwards here what nothing else answered
 * (an unmapped page path, an error sent with {@code sendError}), and answers in the
 * {@link ErrorDialect} of the original path, a small HTML page for a browser on a page path. Asked
 * for directly, {@code /error} is a path like any other that does not exist: 404, never the 500 of
 * an error page that has no error. Messages are generic: no exception or server detail leaks.
 */
@Controller
@PublicEndpoint
class AtelierErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer i && i >= 400 ? i : HttpStatus.NOT_FOUND.value();
        String path = uri instanceof String s ? s : request.getRequestURI();
        String message = message(status, code == null ? request.getMethod() + " " + path : path);
        ErrorDialect dialect = ErrorDialect.ofPath(path);
        String accept = request.getHeader("Accept");
        if (!dialect.isApi() && accept != null && accept.contains("text/html")) {
            String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
                    + "</title><link rel=\"stylesheet\" href=\"/assets/atelier.css\"></head><body><main id=\"main\"><h1>"
                    + status + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/gallery\">Gallery</a></p></main></body></html>";
            return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(html.getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(dialect.json(status, ErrorDialect.codeFor(status), message));
    }

    static String message(int status, String what) {
        return switch (status) {
            case 404 -> "no route " + what;
            case 405 -> "method not allowed: " + what;
            case 400 -> "the request could not be understood";
            case 413 -> "the request body is too large";
            default -> status >= 500 ? "the server failed; the error was logged" : HttpStatus.valueOf(status).getReasonPhrase();
        };
    }
}
