package io.atelier.core.api.gallery;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.api.KeySessions;
import io.atelier.core.api.RequestGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The moderation console's HTTP session: who signed in (the id of the API key they presented,
 * checked to hold the moderator role at sign-in and again on every request) and the session's
 * CSRF token.
 *
 * <p>CSRF: a synchronizer token, 192 random bits per session, rendered into every form as
 * {@code _csrf} (or sent as {@code X-CSRF-Token}) and compared in constant time on every POST that
 * the session authorizes, including sign-in (login CSRF) and sign-out. The session id is rotated at
 * sign-in (no fixation) and the token renewed.
 *
 * <p>Every request the session authorizes spends one request of its key's rate-limit bucket, the
 * same bucket the key's API calls spend from ({@link RequestGate}), and carries the
 * {@code X-RateLimit-*} headers. The session cookie is a cookie only (no URL session ids),
 * {@code HttpOnly}, {@code SameSite=Lax} and {@code Secure} over HTTPS (see {@code WebServerHardening}).
 */
@Component
final class ModerationSession {

    static final String CSRF_PARAMETER = KeySessions.CSRF_PARAMETER;
    private static final KeySessions SESSIONS = new KeySessions(ModerationSession.class.getName());

    private final AccountService accounts;
    private final RequestGate gate;

    ModerationSession(AccountService accounts, RequestGate gate) {
        this.accounts = accounts;
        this.gate = gate;
    }

    /**
     * The signed-in moderator, re-checked against the key on every request: a revoked key, or one
     * that lost its role, ends the session. Spends one request of the key's bucket.
     *
     * @throws io.atelier.core.api.RateLimitExceededException when the key's requests for now are used up
     */
    Optional<Caller> caller(HttpServletRequest request, HttpServletResponse response) {
        return SESSIONS.caller(request, response, accounts, gate, Caller::moderator);
    }

    /** The sign-in form's key check, throttled per address like every other key check. */
    Optional<Caller> checkKey(String apiKey, HttpServletRequest request, HttpServletResponse response) {
        return KeySessions.checkKey(apiKey, request, response, gate, "console");
    }

    static String displayName(HttpServletRequest request) {
        return SESSIONS.displayName(request, "moderator");
    }

    static String csrfToken(HttpServletRequest request) {
        return SESSIONS.csrfToken(request);
    }

    /** @throws CsrfRejectedException unless the request carries the session's token */
    static void checkCsrf(HttpServletRequest request, String formToken) {
        SESSIONS.checkCsrf(request, formToken, CsrfRejectedException::new);
    }

    static void signIn(HttpServletRequest request, Caller caller, String displayName) {
        SESSIONS.signIn(request, caller, displayName);
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** A POST without the session's CSRF token: 403, nothing done. */
    static final class CsrfRejectedException extends RuntimeException {
        CsrfRejectedException() {
            super("the form is stale or did not come from this site (CSRF token missing or wrong); reload the page and try again");
        }
    }
}
