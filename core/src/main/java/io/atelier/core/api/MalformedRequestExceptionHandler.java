package io.atelier.core.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A request the servlet container could not decode once a handler asked for its parameters (a query
 * string or form with bytes that are not UTF-8, such as {@code ?sort=%ED%A0%80}): a 400 in the error
 * shape of the dialect whose route was called, told by the handler's package like the idempotency
 * errors. Without it each dialect's catch-all answered a 500.
 * <ul>
 *   <li>OpenAI: {@code {"error":{"message","type":"invalid_request_error","param":null,"code":"invalid_encoding"}}}</li>
 *   <li>Cuppa: {@code {"error":{"code":"invalid_request","message"}}}</li>
 *   <li>v0 and Recoup: {@code {"error":"message"}}</li>
 *   <li>the HTML pages ({@code api.gallery}): plain text</li>
 *   <li>everything else (native and its companions): {@code {"success":false,"error":{"code":"VALIDATION_ERROR","message"}}}</li>
 * </ul>
 *
 * <p>Also a path under a dialect's prefix that no route serves (404) and a method a route does not
 * take (405): Spring refuses those before a handler is chosen, so no dialect's advice sees them; they
 * are told by path prefix instead ({@code /api/image/} Recoup, {@code /api/} native, {@code /v0/} v0,
 * {@code /v1/images/generations|edits} and {@code /v1/models} OpenAI, other {@code /v1/} Cuppa). Other
 * paths (pages, files, static resources) keep Spring Boot's default answer.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MalformedRequestExceptionHandler {

    private static final String API = "io.atelier.core.api.";
    private static final String MESSAGE = "the query string or form is not valid UTF-8 after percent-decoding";

    @ExceptionHandler
    ResponseEntity<?> undecodable(InvalidParameterException e, HandlerMethod handler) {
        String dialect = handler.getBeanType().getPackageName();
        if (dialect.startsWith(API + "gallery")) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body(MESSAGE);
        }
        String shape = dialect.startsWith(API + "openai") ? "openai" : dialect.startsWith(API + "cuppa") ? "cuppa"
                : dialect.startsWith(API + "v0") || dialect.startsWith(API + "recoup") ? "plain" : "native";
        return render(shape, HttpStatus.BAD_REQUEST, "invalid_encoding", "invalid_request", "VALIDATION_ERROR", MESSAGE);
    }

    @ExceptionHandler
    ResponseEntity<?> noRoute(NoResourceFoundException e, HttpServletRequest request) throws NoResourceFoundException {
        String shape = shapeOfPath(request);
        if (shape == null) {
            throw e; // not an API path: Spring Boot's default 404
        }
        return render(shape, HttpStatus.NOT_FOUND, "not_found", "not_found", "NOT_FOUND",
                "no route " + request.getMethod() + " " + request.getRequestURI());
    }

    @ExceptionHandler
    ResponseEntity<?> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException {
        String shape = shapeOfPath(request);
        if (shape == null) {
            throw e;
        }
        ResponseEntity<?> rendered = render(shape, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "method_not_allowed",
                "METHOD_NOT_ALLOWED", e.getMessage());
        return e.getSupportedHttpMethods() == null ? rendered : ResponseEntity.status(rendered.getStatusCode())
                .allow(e.getSupportedHttpMethods().toArray(new HttpMethod[0])).body(rendered.getBody());
    }

    /** The error shape of an API path, or null for a path no dialect owns. */
    private static String shapeOfPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/image/")) {
            return "plain";
        }
        if (path.startsWith("/api/")) {
            return "native";
        }
        if (path.startsWith("/v0/")) {
            return "plain";
        }
        if (path.startsWith("/v1/images/generations") || path.startsWith("/v1/images/edits") || path.startsWith("/v1/models")) {
            return "openai";
        }
        if (path.startsWith("/v1/")) {
            return "cuppa";
        }
        return null;
    }

    private static ResponseEntity<?> render(String shape, HttpStatus status, String openAiCode, String cuppaCode,
            String nativeCode, String message) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        Map<String, Object> error = new LinkedHashMap<>();
        switch (shape) {
            case "openai" -> {
                error.put("message", message);
                error.put("type", "invalid_request_error");
                error.put("param", null);
                error.put("code", openAiCode);
                return answer.body(Map.of("error", error));
            }
            case "cuppa" -> {
                error.put("code", cuppaCode);
                error.put("message", message);
                return answer.body(Map.of("error", error));
            }
            case "plain" -> {
                return answer.body(Map.of("error", message));
            }
            default -> {
                error.put("code", nativeCode);
                error.put("message", message);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("success", false);
                body.put("error", error);
                return answer.body(body);
            }
        }
    }
}
