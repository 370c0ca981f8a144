package io.atelier.tools.mcp;

import io.atelier.core.account.Caller;
import java.util.Optional;

/**
 * Access tokens /mcp accepts besides API keys (the OAuth authorization server's, when it is on).
 * Implementations check that the token is active, was issued for {@code /mcp}, and that the API
 * key it was granted with is still valid.
 */
public interface McpBearerTokens {

    Optional<Caller> authenticate(String token);

    /** The protected resource metadata URL for {@code WWW-Authenticate} ({@code resource_metadata}). */
    String resourceMetadataUrl(jakarta.servlet.http.HttpServletRequest request);
}
