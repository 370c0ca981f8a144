package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.account.AccountService;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The MCP authorization flow as a remote connector runs it, from discovery to a tool call: the 401's
 * {@code resource_metadata}, protected resource metadata, authorization server metadata, dynamic
 * client registration, authorization code with PKCE through the sign-in page (a person enters the
 * team's API key), the token, and the MCP Java SDK client using it. Wrong, expired and PKCE-less
 * attempts are refused, and routes outside OAuth and /mcp behave as if Spring Security were absent.
 */
class McpOAuthTest extends AppTestSupport {

    static final String REDIRECT = "http://127.0.0.1:1/callback";

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void aConnectorDiscoversRegistersSignsInWithPkceAndCallsTools() throws Exception {
        String key = accounts.createTeam("oauth-" + UUID.randomUUID(), false, 100L).apiKey();

        // 1. /mcp without credentials points at the protected resource metadata.
        HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        String challenge = unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow();
        Matcher metadataUrl = Pattern.compile("resource_metadata=\"([^\"]+)\"").matcher(challenge);
        assertThat(metadataUrl.find()).as(challenge).isTrue();

        // 2. Protected resource metadata names the authorization server.
        JsonNode resource = json(send(get(metadataUrl.group(1))));
        assertThat(resource.get("resource").stringValue()).isEqualTo(base() + "/mcp");
        String issuer = resource.get("authorization_servers").get(0).stringValue();

        // 3. Authorization server metadata.
        JsonNode server = json(send(get(issuer + "/.well-known/oauth-authorization-server")));
        assertThat(server.get("code_challenge_methods_supported").toString()).contains("S256");
        String registrationEndpoint = server.get("registration_endpoint").stringValue();

        // 4. Dynamic client registration, open, as a public client.
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(registrationEndpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"client_name":"Test connector <b>","redirect_uris":["%s"],"grant_types":["authorization_code","refresh_token"],
                         "response_types":["code"],"token_endpoint_auth_method":"none"}""".formatted(REDIRECT))).build());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String clientId = json(registered).get("client_id").stringValue();

        // 5. Authorization request with PKCE: a browser is sent to the sign-in page.
        String verifier = randomUrlSafe(48);
        String challengeValue = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = server.get("authorization_endpoint").stringValue() + "?" + form(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT, "scope", "mcp",
                "state", "xyz", "code_challenge", challengeValue, "code_challenge_method", "S256",
                "resource", base() + "/mcp"));
        HttpResponse<String> toSignIn = send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build());
        assertThat(toSignIn.statusCode()).isEqualTo(302);
        String signInUrl = URI.create(authorize).resolve(toSignIn.headers().firstValue("Location").orElseThrow()).toString();
        assertThat(signInUrl).endsWith("/oauth2/sign-in");

        // 6. The sign-in page names the client (escaped) and carries a CSRF token.
        HttpResponse<String> page = send(get(signInUrl));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Test connector &lt;b&gt;").doesNotContain("<b>");
        Matcher csrf = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();

        // A wrong key is refused on the page.
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(signInUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("api_key", "not-a-key", csrf.group(1), csrf.group(2))))).build());
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("error");
        page = send(get(signInUrl));
        csrf = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();

        // 7. Sign in with the team's key: back to the authorization endpoint, then to the client with a code.
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(signInUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("api_key", key, csrf.group(1), csrf.group(2))))).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String back = URI.create(signInUrl).resolve(signedIn.headers().firstValue("Location").orElseThrow()).toString();
        HttpResponse<String> redirected = send(HttpRequest.newBuilder(URI.create(back)).header("Accept", "text/html").build());
        assertThat(redirected.statusCode()).isEqualTo(302);
        String callback = redirected.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(REDIRECT).contains("state=xyz");
        String code = query(callback).get("code");

        // 8. The token request needs the PKCE verifier.
        String tokenEndpoint = server.get("token_endpoint").stringValue();
        HttpResponse<String> noVerifier = send(token(tokenEndpoint, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", clientId, "code_verifier", randomUrlSafe(48))));
        assertThat(noVerifier.statusCode()).isEqualTo(400);
        // (a code that met a wrong verifier is spent: authorize again)
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build());
        code = query(again.headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> tokenResponse = send(token(tokenEndpoint, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", clientId, "code_verifier", verifier)));
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        JsonNode tokens = json(tokenResponse);
        String accessToken = tokens.get("access_token").stringValue();
        assertThat(tokens.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(tokens.get("scope").stringValue()).isEqualTo("mcp");

        // 9. The MCP Java SDK client calls a tool with the token; it acts for the key's team.
        try (McpSyncClient client = McpHttpTest.client(base(), accessToken)) {
            client.initialize();
            String generated = McpHttpTest.text(client, "generate_image", Map.of("prompt", "an owl at night", "wait_seconds", 30));
            assertThat(generated).contains("\"status\":\"succeeded\"");
        }
        assertThat(accounts.authenticate(key).orElseThrow().teamId()).isEqualTo(
                jdbc.sql("SELECT team_id FROM generations WHERE original_prompt = 'an owl at night'").query(String.class).single());

        // 10. A wrong token and an expired token are refused.
        assertThat(mcpStatus("x" + accessToken)).isEqualTo(401);
        jdbc.sql("UPDATE oauth2_authorization SET access_token_issued_at = ?, access_token_expires_at = ? "
                        + "WHERE registered_client_id = (SELECT id FROM oauth2_registered_client WHERE client_id = ?)")
                .params(java.time.OffsetDateTime.now().minusHours(2), java.time.OffsetDateTime.now().minusMinutes(1), clientId)
                .update();
        assertThat(mcpStatus(accessToken)).isEqualTo(401);
    }

    @Test
    void routesOutsideOAuthAndMcpAreUntouchedBySpringSecurity() throws Exception {
        String key = accounts.createTeam("plain-" + UUID.randomUUID(), false, 100L).apiKey();
        // An API route: no session cookie, no CSRF demand on POST, no login redirect, same 401 as before.
        HttpResponse<String> models = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/models"))
                .header("X-API-Key", key).build());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.headers().firstValue("Set-Cookie")).isEmpty();
        // Spring Security's default response headers (the application sets its own security headers).
        assertThat(models.headers().firstValue("Pragma")).isEmpty();
        assertThat(models.headers().firstValue("Expires")).isEmpty();
        assertThat(models.headers().firstValue("Cache-Control").orElse("")).doesNotContain("no-store");
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/generations"))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a kite\"}")).build());
        assertThat(posted.statusCode()).as(posted.body()).isIn(200, 201, 202);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/models"))
                .header("Accept", "text/html, */*").build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Location")).isEmpty();
        // Spring Security's firewall would reject these paths with 400; the application answers as before.
        HttpResponse<String> semicolon = send(get(base() + "/api/v1/models;x=1"));
        assertThat(semicolon.statusCode()).isNotEqualTo(400);
        assertThat(send(get(base() + "/actuator/health")).statusCode()).isEqualTo(200);
    }

    private int mcpStatus(String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                        "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""")).build()).statusCode();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static HttpRequest token(String endpoint, Map<String, String> params) {
        return HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return ScriptedChatModel.JSON.readTree(response.body());
    }

    private static String form(Map<String, String> params) {
        return new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
