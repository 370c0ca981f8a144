package io.atelier.tools.mcp.oauth;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The sign-in of the authorization page: a person proves they may act for a team by entering one of
 * its API keys. The authenticated principal is {@code key:<keyId>} (a plain string, so Spring
 * Authorization Server stores it as is); tokens granted on this sign-in act for that key and stop
 * working when it is revoked.
 */
final class ApiKeySignIn implements AuthenticationProvider {

    static final String PRINCIPAL_PREFIX = "key:";

    private final AccountService accounts;

    ApiKeySignIn(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        String key = credentials == null ? "" : credentials.toString().strip();
        Caller caller = accounts.authenticate(key).orElseThrow(() ->
                new BadCredentialsException("That API key is not valid."));
        return UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL_PREFIX + caller.keyId(), null,
                List.of(new SimpleGrantedAuthority("ROLE_TEAM")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
