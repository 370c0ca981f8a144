package io.atelier.core.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A request Spring refuses before a handler is chosen, so that no dialect's advice (they are scoped to
 * their controllers' packages) sees it: a path under a dialect's prefix that no route serves (404) or a
 * method the route does not take (405). Without this they came out in Spring Boot's generic
 * {@code {timestamp,status,error,path}}. The dialect is told by path prefix: {@code /api/image/} Recoup
 * and {@code /v0/} v0 ({@code {"error":"message"}}), other {@code /api/} native
 * ({@code {"success":false,"error":{"code","message"}}}), {@code /v1/images/generations|edits} and
 * {@code /v1/models} OpenAI ({@code {"error":{"message","type","param","code"}}}), other {@code /v1/}
 * Cuppa ({@code {"error":{"code","message"}}}). Other paths (pages, files, static resources) keep
 * Spring Boot's default answer.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnroutedRequestExceptionHandler {

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
