package io.atelier.core.api.gallery;

import io.atelier.core.common.Ids;
import jakarta.servlet.http.HttpServletRequest;

/** The id recorded with audit rows: the client's {@code X-Request-Id} when sane, else a fresh one. */
final class RequestIds {

    private RequestIds() {
    }

    static String of(HttpServletRequest request) {
        String given = request.getHeader("X-Request-Id");
        if (given != null && given.matches("[A-Za-z0-9._:-]{1,100}")) {
            return given;
        }
        return "web-" + Ids.token(9);
    }
}
