package io.atelier.core.api.gallery;

import io.atelier.core.account.ServerSecrets;
import io.atelier.core.common.Ids;
import io.atelier.core.storage.ContentHash;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The gallery's first-party viewer cookie ({@value #COOKIE}): a random id signed with a server
 * secret (HMAC-SHA256, {@link ServerSecrets}, the same on every instance), so a viewer cannot make
 * up ids. It identifies a browser for two things only:
 * <ul>
 *   <li>the Report form's CSRF token, an HMAC of the viewer id (no server-side state): a form posted
 *       from another site has neither the cookie ({@code SameSite=Lax}) nor the token;</li>
 *   <li>counting reporters: a report carries a hash of the viewer id next to the address hash, and a
 *       viewer reports an entry once, by either.</li>
 * </ul>
 * The cookie is {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over HTTPS, scoped to
 * {@code /gallery}, and kept a year.
 */
@Component
class ViewerCookies {

    static final String COOKIE = "atelier_viewer";
    static final String CSRF_PARAMETER = "_csrf";
    private static final String SECRET_NAME = "gallery-viewer";
    private static final Duration MAX_AGE = Duration.ofDays(365);

    private final ServerSecrets secrets;

    ViewerCookies(ServerSecrets secrets) {
        this.secrets = secrets;
    }

    /** The viewer id of a validly signed cookie; empty when there is none or it was tampered with. */
    Optional<String> viewer(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null) {
                String value = cookie.getValue();
                int dot = value.indexOf('.');
                if (dot > 0 && constantTimeEquals(sign("viewer|" + value.substring(0, dot)), value.substring(dot + 1))) {
                    return Optional.of(value.substring(0, dot));
                }
            }
        }
        return Optional.empty();
    }

    /** The viewer's id, giving the browser a new signed cookie when it has no valid one. */
    String ensure(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> existing = viewer(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = Ids.token(18);
        ResponseCookie cookie = ResponseCookie.from(COOKIE, id + "." + sign("viewer|" + id))
                .httpOnly(true).secure(request.isSecure()).sameSite("Lax").path("/gallery").maxAge(MAX_AGE).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        return id;
    }

    /** The Report form's CSRF token for this viewer. */
    String csrfToken(String viewerId) {
        return sign("report-form|" + viewerId);
    }

    boolean validCsrf(String viewerId, String token) {
        return token != null && constantTimeEquals(csrfToken(viewerId), token);
    }

    /** What a report stores of the viewer: a hash, never the id itself. */
    String reporterHash(String viewerId) {
        return "v:" + ContentHash.of(("atelier-viewer:" + viewerId).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.secret(SECRET_NAME), "HmacSHA256"));
            byte[] tag = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
