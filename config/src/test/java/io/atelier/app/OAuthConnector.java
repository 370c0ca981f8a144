package io.atelier.app;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A remote MCP connector's OAuth dance in a few lines, for tests that need a token and are not about
 * the flow itself ({@link McpOAuthTest} checks each step): register, authorize with PKCE, sign in on
 * the page with the team's key, exchange the code. One browser (cookie jar), so one instance.
 */
final class OAuthConnector {

    private static final String REDIRECT = "http://127.0.0.1:1/callback";

    private OAuthConnector() {
    }

    static String accessToken(String base, String apiKey) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String registered = browser.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"client_name":"connector","redirect_uris":["%s"],"token_endpoint_auth_method":"none",
                         "grant_types":["authorization_code"],"response_types":["code"]}""".formatted(REDIRECT))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String clientId = ScriptedChatModel.JSON.readTree(registered).get("client_id").stringValue();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(base + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", REDIRECT, "scope", "mcp", "code_challenge", challenge, "code_challenge_method", "S256",
                "resource", base + "/mcp")));
        HttpResponse<String> toSignIn = browser.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        URI signIn = authorize.resolve(toSignIn.headers().firstValue("Location").orElseThrow());
        String page = browser.send(HttpRequest.newBuilder(signIn).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the sign-in page:\n" + page);
        }
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("api_key", apiKey, csrf.group(1), csrf.group(2))))).build(),
                HttpResponse.BodyHandlers.ofString());
        URI back = signIn.resolve(signedIn.headers().firstValue("Location").orElseThrow());
        String callback = browser.send(HttpRequest.newBuilder(back).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        String code = null;
        for (String pair : URI.create(callback).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                code = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        String token = browser.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT, "client_id", clientId, "code_verifier", verifier)))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return ScriptedChatModel.JSON.readTree(token).get("access_token").stringValue();
    }

    private static String form(Map<String, String> params) {
        return new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
