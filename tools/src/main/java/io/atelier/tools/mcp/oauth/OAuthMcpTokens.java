package io.atelier.tools.mcp.oauth;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.tools.mcp.McpBearerTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Validates the access tokens of Atelier's authorization server at {@code /mcp}: an opaque token is
 * looked up (any instance can), must be active (not expired, not revoked), must have been requested
 * for this server's {@code /mcp} when the client named a resource (RFC 8707, as MCP clients do), and
 * acts for the API key that signed in, as long as that key is valid.
 */
final class OAuthMcpTokens implements McpBearerTokens {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OAuthMcpTokens.class);

    private final OAuth2AuthorizationService authorizations;
    private final AccountService accounts;
    private final McpOAuthUrls urls;

    OAuthMcpTokens(OAuth2AuthorizationService authorizations, AccountService accounts, McpOAuthUrls urls) {
        this.authorizations = authorizations;
        this.accounts = accounts;
        this.urls = urls;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        OAuth2Authorization authorization;
        try {
            authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        } catch (RuntimeException unreadable) {
            log.warn("an OAuth authorization could not be read; its token is refused: {}", unreadable.toString());
            return Optional.empty();
        }
        if (authorization == null) {
            return Optional.empty();
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access == null || !access.isActive() || !forMcp(authorization)) {
            return Optional.empty();
        }
        String principal = authorization.getPrincipalName();
        if (principal == null || !principal.startsWith(ApiKeySignIn.PRINCIPAL_PREFIX)) {
            return Optional.empty();
        }
        return accounts.findActiveKey(principal.substring(ApiKeySignIn.PRINCIPAL_PREFIX.length()));
    }

    /** The token's audience: a named resource must be this server's /mcp (its path, and its origin when configured). */
    private boolean forMcp(OAuth2Authorization authorization) {
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object resource = request == null ? null : request.getAdditionalParameters().get("resource");
        if (resource == null) {
            return true;
        }
        try {
            URI uri = URI.create(resource.toString());
            if (!McpOAuthUrls.MCP_PATH.equals(uri.getPath())) {
                return false;
            }
            return urls.configuredBase() == null || resource.toString().equals(urls.configuredBase() + McpOAuthUrls.MCP_PATH);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String resourceMetadataUrl(HttpServletRequest request) {
        return urls.resourceMetadata(request);
    }
}
