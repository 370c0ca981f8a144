package io.atelier.core.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

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
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MalformedRequestExceptionHandler {

    private static final String API = "io.atelier.core.api.";
    private static final String MESSAGE = "the query string or form is not valid UTF-8 after percent-decoding";

    @ExceptionHandler
    ResponseEntity<?> undecodable(InvalidParameterException e, HandlerMethod handler) {
        String dialect = handler.getBeanType().getPackageName();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.BAD_REQUEST);
        if (dialect.startsWith(API + "gallery")) {
            return answer.contentType(MediaType.TEXT_PLAIN).body(MESSAGE);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        if (dialect.startsWith(API + "openai")) {
            error.put("message", MESSAGE);
            error.put("type", "invalid_request_error");
            error.put("param", null);
            error.put("code", "invalid_encoding");
            return answer.body(Map.of("error", error));
        }
        if (dialect.startsWith(API + "cuppa")) {
            error.put("code", "invalid_request");
            error.put("message", MESSAGE);
            return answer.body(Map.of("error", error));
        }
        if (dialect.startsWith(API + "v0") || dialect.startsWith(API + "recoup")) {
            return answer.body(Map.of("error", MESSAGE));
        }
        error.put("code", "VALIDATION_ERROR");
        error.put("message", MESSAGE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return answer.body(body);
    }
}
