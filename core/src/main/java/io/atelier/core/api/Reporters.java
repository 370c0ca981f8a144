package io.atelier.core.api;

import io.atelier.core.storage.ContentHash;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;

/**
 * Identifies a viewer who files a report, for rate limiting and de-duplication: a hash of the
 * client address (never stored in the clear). Behind a proxy, Tomcat's RemoteIpValve (Spring's
 * {@code server.forward-headers-strategy}) makes {@code getRemoteAddr()} the client's.
 */
public final class Reporters {

    private Reporters() {
    }

    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr() == null ? "unknown" : request.getRemoteAddr();
        return "ip:" + ContentHash.of(("atelier-report:" + address).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
