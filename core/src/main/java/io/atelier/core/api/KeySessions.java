package io.atelier.core.api;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The HTTP session of a page signed in with an API key (the moderation console, the studio): who
 * signed in (the key's id, re-checked on every request, so a revoked key ends the session), the
 * name shown, and a synchronizer CSRF token (192 random bits) compared in constant time on every
 * POST, sign-in included. The session id is rotated at sign-in. Each page keeps its attributes
 * under its own {@code prefix}, so one browser can hold both sessions apart.
 *
 * <p>Every request a session authorizes spends one request of its key's rate-limit bucket
 * ({@link RequestGate}) and carries the {@code X-RateLimit-*} headers.
 */
public final class KeySessions {

    /** The form field and the header that carry the CSRF token. */
    public static final String CSRF_PARAMETER = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final String caller;
    private final String name;
    private final String csrf;

    /** @param prefix the attribute namespace, e.g. the page's session class name */
    public KeySessions(String prefix) {
        this.caller = prefix + ".caller";
        this.name = prefix + ".name";
        this.csrf = prefix + ".csrf";
    }

    /** The signed-in key if it is still active and {@code allowed}; else the session forgets it. */
    public Optional<Caller> caller(HttpServletRequest request, HttpServletResponse response, AccountService accounts,
                                   RequestGate gate, Predicate<Caller> allowed) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(caller) instanceof String keyId)) {
            return Optional.empty();
        }
        Optional<Caller> current = accounts.findActiveKey(keyId).filter(allowed);
        if (current.isEmpty()) {
            session.removeAttribute(caller);
            return current;
        }
        gate.admit(current.get().keyId(), response);
        return current;
    }

    /** The sign-in form's key check, throttled per address like every other key check ({@code purpose} names the page). */
    public static Optional<Caller> checkKey(String apiKey, HttpServletRequest request, HttpServletResponse response,
                                            RequestGate gate, String purpose) {
        return apiKey == null || apiKey.isBlank() ? Optional.empty() : gate.checkKey(apiKey.strip(), request, response, purpose);
    }

    public String displayName(HttpServletRequest request, String fallback) {
        HttpSession session = request.getSession(false);
        Object shown = session == null ? null : session.getAttribute(name);
        return shown == null ? fallback : shown.toString();
    }

    /** The session's token, creating the session and the token when absent. */
    public String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(csrf);
        if (token == null) {
            token = Ids.token(24);
            session.setAttribute(csrf, token);
        }
        return token.toString();
    }

    /** Throws {@code rejected} unless the request carries the session's token (form field or header). */
    public void checkCsrf(HttpServletRequest request, String formToken, Supplier<? extends RuntimeException> rejected) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(csrf);
        String presented = formToken != null && !formToken.isEmpty() ? formToken : request.getHeader(CSRF_HEADER);
        if (expected == null || presented == null || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            throw rejected.get();
        }
    }

    public void signIn(HttpServletRequest request, Caller signedIn, String displayName) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(caller, signedIn.keyId());
        session.setAttribute(name, displayName);
        session.setAttribute(csrf, Ids.token(24));
    }

    /** Forgets who signed in and renews the token; the session itself (other pages' roles) stays. */
    public void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(caller);
            session.removeAttribute(name);
            session.setAttribute(csrf, Ids.token(24));
        }
    }
}
