package io.atelier.core.api.idempotency;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which answers are kept for replay, and how they are stored and replayed.
 *
 * <p>Kept: every answer that says what became of the request (2xx, 4xx, and 504, by which a
 * synchronous dialect reports work still running). Not kept: other 5xx and 429, where the outcome is
 * unknown or the caller is told to come back, and 409 (a conflict of the moment); the key is then
 * released and a retry runs afresh.
 *
 * <p>Headers are stored except per-exchange ones (date, length, connection, cookies, rate-limit
 * counters, which the replaying request gets fresh).
 */
@Component
class IdempotencyResponses {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Set<String> NOT_STORED = Set.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive", "set-cookie", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
            REPLAYED_HEADER.toLowerCase(Locale.ROOT));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, List<String>>> HEADERS = new TypeReference<>() { };

    static boolean isReplayable(int status) {
        if (status == 504) {
            return true;
        }
        return status >= 200 && status < 500 && status != 409 && status != 429;
    }

    String headersJson(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            if (!NOT_STORED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, new ArrayList<>(response.getHeaders(name)));
            }
        }
        if (response.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, List.of(response.getContentType()));
        }
        return JSON.writeValueAsString(headers);
    }

    void replay(IdempotencyStore.Entry entry, HttpServletResponse response) throws IOException {
        response.setStatus(entry.responseStatus());
        Map<String, List<String>> headers = entry.responseHeaders() == null ? Map.of()
                : JSON.readValue(entry.responseHeaders(), HEADERS);
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                response.setContentType(values.getFirst());
            } else {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = entry.responseBody() == null ? new byte[0] : entry.responseBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
