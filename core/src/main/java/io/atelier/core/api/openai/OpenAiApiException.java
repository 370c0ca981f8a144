package io.atelier.core.api.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An answer in OpenAI's error shape {@code {error:{message, type, param, code}}}, with its status and
 * any headers it needs (e.g. {@code x-should-retry: false}, which the official SDKs honour).
 */
class OpenAiApiException extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";
    static final String SERVER_ERROR = "server_error";

    private final HttpStatus status;
    private final String type;
    private final String param;
    private final String code;
    private final Map<String, String> headers;

    private OpenAiApiException(Builder b) {
        super(b.message);
        this.status = b.status;
        this.type = b.type;
        this.param = b.param;
        this.code = b.code;
        this.headers = Map.copyOf(b.headers);
    }

    /** A builder; the type defaults to {@code server_error} for 5xx, else {@code invalid_request_error}. */
    static Builder builder(HttpStatus status, String message) {
        return new Builder(status, message);
    }

    /** 400 {@code invalid_request_error} naming the parameter at fault. */
    static OpenAiApiException invalid(String param, String code, String message) {
        return builder(HttpStatus.BAD_REQUEST, message).param(param).code(code).build();
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    static final class Builder {
        private final HttpStatus status;
        private final String message;
        private String type;
        private String param;
        private String code;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(HttpStatus status, String message) {
            this.status = status;
            this.message = message;
            this.type = status.is5xxServerError() ? SERVER_ERROR : INVALID_REQUEST;
        }

        Builder type(String v) { this.type = v; return this; }
        Builder param(String v) { this.param = v; return this; }
        Builder code(String v) { this.code = v; return this; }
        Builder header(String name, String value) { this.headers.put(name, value); return this; }

        /** Tells OpenAI's SDKs not to retry: a retry would fail the same way or start a second generation. */
        Builder noRetry() { return header("x-should-retry", "false"); }

        OpenAiApiException build() {
            return new OpenAiApiException(this);
        }
    }
}
