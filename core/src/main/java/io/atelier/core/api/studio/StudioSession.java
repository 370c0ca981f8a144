package io.atelier.core.api.studio;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.api.KeySessions;
import io.atelier.core.api.RequestGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    static final String CSRF_PARAMETER = KeySessions.CSRF_PARAMETER;
    private static final KeySessions SESSIONS = new KeySessions(StudioSession.class.getName());

    private final AccountService accounts;
    private final RequestGate gate;

    StudioSession(AccountService accounts, RequestGate gate) {
        this.accounts = accounts;
        this.gate = gate;
    }

    /** The signed-in team key, re-checked; spends one request of its bucket. */
    Optional<Caller> caller(HttpServletRequest request, HttpServletResponse response) {
        return SESSIONS.caller(request, response, accounts, gate, caller -> true);
    }

    /** The sign-in form's key check, throttled per address like every other key check. */
    Optional<Caller> checkKey(String apiKey, HttpServletRequest request, HttpServletResponse response) {
        return KeySessions.checkKey(apiKey, request, response, gate, "studio");
    }

    static String displayName(HttpServletRequest request) {
        return SESSIONS.displayName(request, "team");
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
        SESSIONS.forget(request);
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
