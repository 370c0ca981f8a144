package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Teams, moderator keys, finished generations and a cookie-keeping web client for the gallery tests. */
abstract class GalleryTestSupport extends AppTestSupport {

    record TeamClient(String teamId, String name, String key, ApiClient api) {
    }

    TeamClient team(String name) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", name, "credits", 1000));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().at("/data/apiKey").stringValue();
        return new TeamClient(created.json().at("/data/team/id").stringValue(), name, key, admin().withKey(key));
    }

    /** A key with the moderator role, issued by the admin API, for a new team. */
    TeamClient moderator(String name) {
        TeamClient team = team(name);
        ApiClient.Response key = admin().post("/api/v1/admin/moderator-keys", Map.of("teamId", team.teamId(), "name", "mod"));
        assertThat(key.status()).isEqualTo(201);
        assertThat(key.json().at("/data/roles/0").stringValue()).isEqualTo("MODERATOR");
        String clear = key.json().at("/data/apiKey").stringValue();
        return new TeamClient(team.teamId(), name, clear, admin().withKey(clear));
    }

    /** A succeeded generation of the client's team (local/preview, waits for it). */
    static String generate(ApiClient api, String prompt) {
        return generate(api, Map.of("prompt", prompt));
    }

    static String generate(ApiClient api, Map<String, Object> body) {
        ApiClient.Response created = api.post("/api/v1/generations", body, Map.of("Prefer", "wait=30"));
        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(201);
        JsonNode data = created.json().get("data");
        String id = data.get("id").stringValue();
        if (!data.get("status").stringValue().equals("success")) {
            pollGeneration(api, id, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(30));
        }
        return id;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A browser-like HTTP client: keeps cookies, does not follow redirects. */
    final class WebClient {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** The CSRF token rendered into the page's forms. */
        String csrf(String path) {
            HttpResponse<String> page = get(path);
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(m.find()).as("a CSRF field on " + path + ": " + page.statusCode()).isTrue();
            return m.group(1);
        }

        /** Signs in to the moderation console; returns the login POST's response. */
        HttpResponse<String> login(String apiKey) {
            String token = csrf("/moderation/login");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("_csrf", token);
            form.put("apiKey", apiKey);
            return post("/moderation/login", form);
        }

        private HttpResponse<String> send(HttpRequest.Builder b) {
            try {
                return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new RuntimeException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            }
        }
    }
}
