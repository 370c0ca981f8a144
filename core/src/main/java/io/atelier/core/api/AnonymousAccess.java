package io.atelier.core.api;

import io.atelier.core.account.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;

/**
 * A surface that an operator may open to requests without an API key (Recoup's document has no
 * authentication). {@link ApiKeyInterceptor} asks it only when a request presents no key; the caller
 * it returns is then rate-limited per client address like a key.
 */
public interface AnonymousAccess {

    /** The caller to charge for a keyless request to this handler, or empty when a key is needed. */
    Optional<Caller> callerFor(HttpServletRequest request, HandlerMethod handler);
}
