package io.atelier.core.api.studio;

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
 * The studio's HTTP session, built as the moderation console's: sign-in with a team's API key
 * (throttled per address like every key check), the session id rotated at sign-in, the key re-checked
 * on every request (a revoked key ends the session) and each request spending one request of the
 * key's rate-limit bucket; a synchronizer CSRF token (192 random bits) on every POST, sign-in included.
 * Attribute names differ from the console's, so one browser can hold both sessions' roles apart.
 */
@Component
final class StudioSession {

    static final String CALLER = StudioSession.class.getName() + ".caller";
    static final String NAME = StudioSession.class.getName() + ".name";
    static final String CSRF = StudioSession.class.getName() + ".csrf";
    static final String CSRF_PARAMETER = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final AccountService accounts;
    private final RequestGate gate;

    StudioSession(AccountService accounts, RequestGate gate) {
        this.accounts = accounts;
        this.gate = gate;
    }

    /** The signed-in team key, re-checked; spends one request of its bucket. */
    Optional<Caller> caller(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(CALLER) instanceof String keyId)) {
            return Optional.empty();
        }
        Optional<Caller> current = accounts.findActiveKey(keyId);
        if (current.isEmpty()) {
            session.removeAttribute(CALLER);
            return current;
        }
        gate.admit(current.get().keyId(), response);
        return current;
    }

    Optional<Caller> checkKey(String apiKey, HttpServletRequest request, HttpServletResponse response) {
        return apiKey == null || apiKey.isBlank() ? Optional.empty() : gate.checkKey(apiKey.strip(), request, response, "studio");
    }

    static String displayName(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object name = session == null ? null : session.getAttribute(NAME);
        return name == null ? "team" : name.toString();
    }

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
            session.removeAttribute(CALLER);
            session.removeAttribute(NAME);
            session.setAttribute(CSRF, Ids.token(24));
        }
    }

    /** A POST without the session's CSRF token: 403, nothing done. */
    static final class CsrfRejectedException extends RuntimeException {
        CsrfRejectedException() {
            super("the form is stale or did not come from this site (CSRF token missing or wrong); reload the page and try again");
        }
    }

    /** A studio action without a signed-in session. */
    static final class NotSignedInException extends RuntimeException {
        NotSignedInException() {
            super("sign in to the studio first (/studio/login)");
        }
    }
}
