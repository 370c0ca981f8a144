package io.atelier.tools.mcp.oauth;

import io.atelier.core.api.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The two documents the OAuth flow needs besides Spring Authorization Server's own: the protected
 * resource metadata of {@code /mcp} (RFC 9728; where MCP clients learn which authorization server to
 * use) and the sign-in page, where a person allows a connector by entering their team's API key.
 * Public: no API key is needed to read them.
 */
@RestController
@PublicEndpoint
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = {"atelier.mcp.http.enabled", "atelier.mcp.oauth.enabled"}, havingValue = "true",
        matchIfMissing = true)
class McpOAuthPages {

    private final McpOAuthUrls urls;
    private final RegisteredClientRepository clients;
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    McpOAuthPages(McpOAuthUrls urls, RegisteredClientRepository clients) {
        this.urls = urls;
        this.clients = clients;
    }

    @GetMapping(path = {McpOAuthUrls.RESOURCE_METADATA, McpOAuthUrls.RESOURCE_METADATA + McpOAuthUrls.MCP_PATH},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> protectedResourceMetadata(HttpServletRequest request) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", urls.resource(request));
        metadata.put("authorization_servers", List.of(urls.origin(request)));
        metadata.put("scopes_supported", List.of(McpOAuthUrls.SCOPE));
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("resource_name", "Atelier MCP server");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(metadata);
    }

    @GetMapping(path = McpOAuthUrls.SIGN_IN, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> signIn(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        String clientName = "An MCP client";
        String redirect = null;
        if (saved != null && saved.getParameterValues("client_id") != null) {
            RegisteredClient client = clients.findByClientId(saved.getParameterValues("client_id")[0]);
            if (client != null) {
                clientName = client.getClientName();
                redirect = client.getRedirectUris().stream().findFirst().orElse(null);
            }
        }
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean failed = request.getParameter("error") != null;
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Allow access to Atelier</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
                input{width:100%%;padding:.5rem;font-size:1rem;box-sizing:border-box}button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}
                .error{color:#b00020}.note{color:#555;font-size:.9rem}</style></head>
                <body><h1>Allow access to Atelier</h1>
                <p><strong>%s</strong> wants to use Atelier's image tools (generate, edit, list, publish) for your team.%s</p>
                %s
                <form method="post" action="%s">
                <label for="api_key">Your team's API key</label>
                <input id="api_key" name="api_key" type="password" autocomplete="current-password" required autofocus>
                <input type="hidden" name="%s" value="%s">
                <button type="submit">Sign in and allow</button></form>
                <p class="note">The connector never sees your key: it receives a token that acts for this key,
                and stops working when the key is revoked.</p></body></html>
                """.formatted(HtmlUtils.htmlEscape(clientName),
                redirect == null ? "" : " It will return to <code>" + HtmlUtils.htmlEscape(redirect) + "</code>.",
                failed ? "<p class=\"error\">That API key is not valid. Try again.</p>" : "",
                McpOAuthUrls.SIGN_IN,
                csrf == null ? "_csrf" : HtmlUtils.htmlEscape(csrf.getParameterName()),
                csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("X-Frame-Options", "DENY")
                .contentType(MediaType.TEXT_HTML).body(html);
    }
}
