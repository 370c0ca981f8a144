package io.atelier.core.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error shape of a path, for answers made before or outside a dialect's own exception handler
 * (a route that does not exist, a body over its limit, {@code /error}, the container's own
 * rejections). The dialect is told by path prefix:
 * <ul>
 *   <li>{@code /api/image/} Recoup and {@code /v0/} v0: {@code {"error":"message"}};</li>
 *   <li>other {@code /api/}: native, {@code {"success":false,"error":{"code","message"}}};</li>
 *   <li>{@code /v1/models} and {@code /v1/images/…} except Cuppa's {@code /v1/images} and
 *       {@code /v1/images/bulk…}: OpenAI, {@code {"error":{"message","type","param","code"}}};</li>
 *   <li>other {@code /v1/}: Cuppa, {@code {"error":{"code","message"}}};</li>
 *   <li>anything else (pages, files, {@code /error}): {@link #GENERIC}, the native shape, or a small
 *       HTML page for a browser that asks for HTML.</li>
 * </ul>
 */
public enum ErrorDialect {
    NATIVE, OPENAI, CUPPA, PLAIN, GENERIC;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The dialect of a request's path (without the context path). */
    public static ErrorDialect of(HttpServletRequest request) {
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        return ofPath(uri.startsWith(context) ? uri.substring(context.length()) : uri);
    }

    public static ErrorDialect ofPath(String path) {
        if (path == null) {
            return GENERIC;
        }
        if (path.startsWith("/api/image/") || path.startsWith("/v0/")) {
            return PLAIN;
        }
        if (path.startsWith("/api/")) {
            return NATIVE;
        }
        if (path.equals("/v1/images") || path.startsWith("/v1/images/bulk")) {
            return CUPPA;
        }
        if (path.startsWith("/v1/images/") || path.equals("/v1/models") || path.startsWith("/v1/models/")) {
            return OPENAI;
        }
        if (path.startsWith("/v1/")) {
            return CUPPA;
        }
        return GENERIC;
    }

    /** Whether this is a dialect of the APIs (not the pages and files). */
    public boolean isApi() {
        return this != GENERIC;
    }

    /**
     * The error body in this dialect.
     *
     * @param code an upper-case code ({@code NOT_FOUND}); OpenAI and Cuppa get it in lower case
     */
    public Map<String, Object> body(int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        String lower = code.toLowerCase(Locale.ROOT);
        switch (this) {
            case OPENAI -> {
                error.put("message", message);
                error.put("type", status == 401 ? "authentication_error" : status == 429 ? "rate_limit_error"
                        : status >= 500 ? "server_error" : "invalid_request_error");
                error.put("param", null);
                error.put("code", lower);
                return Map.of("error", error);
            }
            case CUPPA -> {
                error.put("code", lower);
                error.put("message", message);
                return Map.of("error", error);
            }
            case PLAIN -> {
                return Map.of("error", message);
            }
            default -> {
                error.put("code", code);
                error.put("message", message);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("success", false);
                body.put("error", error);
                return body;
            }
        }
    }

    /** {@link #body} as JSON bytes (for filters and valves that write the response themselves). */
    public byte[] json(int status, String code, String message) {
        return JSON.writeValueAsBytes(body(status, code, message));
    }

    /** A stable code for an HTTP status, for answers that have no more specific one. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMIT_EXCEEDED";
            case 431 -> "HEADERS_TOO_LARGE";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }
}
