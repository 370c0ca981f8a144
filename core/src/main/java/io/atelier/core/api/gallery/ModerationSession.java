package io.atelier.core.api.gallery;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.api.RequestGate;
import io.atelier.core.common.Ids;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    static final String CALLER = ModerationSession.class.getName() + ".caller";
    static final String NAME = ModerationSession.class.getName() + ".name";
    static final String CSRF = ModerationSession.class.getName() + ".csrf";
    static final String CSRF_PARAMETER = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

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
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(CALLER) instanceof String keyId)) {
            return Optional.empty();
        }
        Optional<Caller> current = accounts.findActiveKey(keyId).filter(Caller::moderator);
        if (current.isEmpty()) {
            session.removeAttribute(CALLER);
            return current;
        }
        gate.admit(current.get().keyId(), response);
        return current;
    }

    /** The sign-in form's key check, throttled per address like every other key check. */
    Optional<Caller> checkKey(String apiKey, HttpServletRequest request, HttpServletResponse response) {
        return apiKey == null || apiKey.isBlank() ? Optional.empty() : gate.checkKey(apiKey.strip(), request, response, "console");
    }

    static String displayName(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object name = session == null ? null : session.getAttribute(NAME);
        return name == null ? "moderator" : name.toString();
    }

    /** The session's token, creating the session and the token when absent. */
    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(CSRF);
        if (token == null) {
            token = Ids.token(24);
            session.setAttribute(CSRF, token);
        }
        return token.toString();
    }

    /** @throws CsrfRejectedException unless the request carries the session's token */
    static void checkCsrf(HttpServletRequest request, String formToken) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF);
        String presented = formToken != null && !formToken.isEmpty() ? formToken : request.getHeader(CSRF_HEADER);
        if (expected == null || presented == null || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfRejectedException();
        }
    }

    static void signIn(HttpServletRequest request, Caller caller, String displayName) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(CALLER, caller.keyId());
        session.setAttribute(NAME, displayName);
        session.setAttribute(CSRF, Ids.token(24));
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
