package io.atelier.tools.mcp.oauth;

import io.atelier.core.account.AccountService;
import io.atelier.tools.mcp.McpBearerTokens;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * OAuth for {@code /mcp}, so hosted agent apps whose connectors speak only OAuth can connect
 * ({@code atelier.mcp.oauth.enabled=false} turns it off; API keys keep working either way).
 *
 * <p>Scope: Spring Security's filter is registered for {@code /oauth2/*} and {@code /.well-known/*}
 * only, and both chains match only their own paths, so no other route meets a firewall, a session,
 * CSRF or a login redirect. Clients register themselves (open dynamic registration, as MCP clients
 * expect) as public clients with PKCE required; tokens are opaque, kept in the database with the
 * clients, and live {@code atelier.mcp.oauth.access-token-ttl} (default 12 h: public clients get no refresh
 * token, so the connector signs in again after that; confidential clients get 30-day rotating refresh tokens).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = {"atelier.mcp.http.enabled", "atelier.mcp.oauth.enabled"}, havingValue = "true",
        matchIfMissing = true)
class McpOAuthConfiguration {

    /** The Spring Security filter's URL patterns: the OAuth endpoints and discovery documents, nothing else. */
    static final List<String> SECURED_PATTERNS = List.of("/oauth2/*", "/.well-known/*");

    static final String REGISTRATION = "/oauth2/register";

    private static final Logger log = LoggerFactory.getLogger(McpOAuthConfiguration.class);

    @Bean
    static BeanPostProcessor mcpOAuthFilterScope() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                // Spring Boot's registration of Spring Security's filter (SecurityFilterAutoConfiguration).
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(name)) {
                    registration.setUrlPatterns(SECURED_PATTERNS);
                }
                return bean;
            }
        };
    }

    @Bean
    McpOAuthUrls mcpOAuthUrls(@Value("${atelier.public-base-url:}") String publicBaseUrl) {
        return new McpOAuthUrls(publicBaseUrl);
    }

    @Bean
    RegisteredClientRepository mcpRegisteredClients(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService mcpAuthorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService mcpAuthorizationConsents(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings mcpAuthorizationServerSettings(McpOAuthUrls urls) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (urls.configuredBase() != null) {
            settings.issuer(urls.configuredBase());
        }
        return settings.build();
    }

    @Bean
    McpBearerTokens mcpOAuthTokens(OAuth2AuthorizationService authorizations, AccountService accounts, McpOAuthUrls urls) {
        return new OAuthMcpTokens(authorizations, accounts, urls);
    }

    @Bean
    @Order(10)
    SecurityFilterChain mcpAuthorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
                                                    OAuth2AuthorizationService authorizations,
                                                    OAuth2AuthorizationConsentService consents,
                                                    @Value("${atelier.mcp.oauth.access-token-ttl:12h}") Duration accessTtl) {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(consents)
                        .clientRegistrationEndpoint(registration -> registration
                                .openRegistrationAllowed(true)
                                .authenticationProviders(providers -> providers.forEach(p -> {
                                    if (p instanceof OAuth2ClientRegistrationAuthenticationProvider provider) {
                                        provider.setOpenRegistrationAllowed(true);
                                        provider.setRegisteredClientConverter(registered -> mcpClient(
                                                new OAuth2ClientRegistrationRegisteredClientConverter().convert(registered),
                                                accessTtl));
                                    }
                                }))))
                // Registration is open (MCP clients register themselves); everything else needs a signed-in person
                // (authorization endpoint) or a client (token endpoint, authenticated by SAS's own filters).
                .authorizeHttpRequests(authorize -> authorize.requestMatchers(REGISTRATION).permitAll().anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(McpOAuthUrls.SIGN_IN), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        log.info("MCP OAuth on: authorization server at /oauth2/*, discovery at /.well-known/*");
        return http.build();
    }

    @Bean
    @Order(11)
    SecurityFilterChain mcpSignInChain(HttpSecurity http, AccountService accounts) {
        http.securityMatcher(McpOAuthUrls.SIGN_IN)
                .authenticationProvider(new ApiKeySignIn(accounts))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .formLogin(form -> form.loginPage(McpOAuthUrls.SIGN_IN).loginProcessingUrl(McpOAuthUrls.SIGN_IN)
                        .usernameParameter("api_key").passwordParameter("api_key")
                        .failureUrl(McpOAuthUrls.SIGN_IN + "?error").permitAll());
        return http.build();
    }

    /** A dynamically registered client as Atelier keeps it: PKCE, no consent screen, opaque tokens, scope mcp. */
    static RegisteredClient mcpClient(RegisteredClient registered, Duration accessTtl) {
        return RegisteredClient.from(registered)
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.add(McpOAuthUrls.SCOPE);
                })
                .clientSettings(ClientSettings.withSettings(registered.getClientSettings().getSettings())
                        .requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.withSettings(registered.getTokenSettings().getSettings())
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE).accessTokenTimeToLive(accessTtl)
                        .refreshTokenTimeToLive(Duration.ofDays(30)).reuseRefreshTokens(false).build())
                .build();
    }
}
