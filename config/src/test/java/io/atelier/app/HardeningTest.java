package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, against the running application: what an attacker tried (about 1,480 requests) is
 * refused, each in the caller's dialect. Per-address behaviour is tested from distinct loopback
 * source addresses ({@link LoopbackFrom}); nothing leaves 127.0.0.0/8.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/hardening",
        "atelier.rate-limit.per-key=20",
        "atelier.rate-limit.failed-auth-per-address=3"
})
class HardeningTest extends GalleryTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // ---------------------------------------------------------------- 2. body limits

    @Test
    void bodiesOverTheRouteLimitAre413InTheDialectsShapeDeclaredOrStreamed() throws Exception {
        TeamClient team = team("limits");
        byte[] twoMiB = ("{\"prompt\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // Declared Content-Length over 1 MiB: refused before reading.
        ApiClient.Response nativeAnswer = team.api().post("/api/v1/generations", new String(twoMiB, StandardCharsets.UTF_8));
        assertThat(nativeAnswer.status()).isEqualTo(413);
        assertThat(nativeAnswer.json().at("/error/code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(nativeAnswer.json().get("success").booleanValue()).isFalse();
        // Chunked (no length): stopped one byte past the limit while it is read.
        for (Map.Entry<String, String> route : Map.of("/api/v1/generations", "/error/code", "/v1/images/generations",
                "/error/type", "/v1/images", "/error/code").entrySet()) {
            HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create(base() + route.getKey()))
                    .header("X-API-Key", team.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(twoMiB))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as(route.getKey() + ": " + chunked.body()).isEqualTo(413);
            assertThat(ApiClient.JSON.readTree(chunked.body()).at(route.getValue()).isMissingNode()).as(chunked.body()).isFalse();
        }
        // Anonymous routes take 16 KiB: the public report API and the HTML report form.
        String big = "{\"reason\": \"spam\", \"details\": \"" + "x".repeat(20_000) + "\"}";
        ApiClient.Response report = anonymous().post("/api/v1/gallery/00000000-0000-4000-8000-000000000000/reports", big);
        assertThat(report.status()).isEqualTo(413);
        assertThat(report.json().at("/error/code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(new WebClient().post("/gallery/00000000-0000-4000-8000-000000000000/report",
                Map.of("reason", "spam", "details", "x".repeat(20_000))).statusCode()).isEqualTo(413);
    }

    // ---------------------------------------------------------------- 3. reports

    @Test
    void reportsCountDistinctViewersNeedTheFormTokenAndCannotHideAnApprovedImageTwice() {
        TeamClient owner = team("reported");
        TeamClient moderator = moderator("report mods");
        String id = generate(owner.api(), "a quiet harbour at dawn");
        assertThat(owner.api().post("/api/v1/generations/" + id + "/publish", "{}").status()).isEqualTo(200);
        assertThat(moderator.api().post("/api/v1/moderation/" + id + "/approve", "{}").status()).isEqualTo(200);

        // The HTML form needs the viewer's token: a form from elsewhere (no cookie, no token) is refused.
        assertThat(new WebClient().post("/gallery/" + id + "/report", Map.of("reason", "spam")).statusCode()).isEqualTo(403);
        WebClient viewer = new WebClient();
        String token = viewer.csrf("/gallery/" + id);
        assertThat(viewer.post("/gallery/" + id + "/report", Map.of("reason", "spam", "_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/gallery/" + id + "/report", Map.of("reason", "spam", "_csrf", token)).statusCode()).isEqualTo(302);
        // The same browser again: already reported.
        assertThat(viewer.post("/gallery/" + id + "/report", Map.of("reason", "nsfw", "_csrf", token)).statusCode()).isEqualTo(409);

        // Two more addresses reach the threshold (3): the image goes back to review.
        for (String from : new String[] {"127.0.0.2", "127.0.0.3"}) {
            assertThat(reportFrom(from, id).status()).isEqualTo(201);
        }
        assertThat(anonymous().get("/api/v1/gallery/" + id).status()).isEqualTo(404);
        // A moderator approves it again; the same three cannot hide it again.
        assertThat(moderator.api().post("/api/v1/moderation/" + id + "/approve", "{}").status()).isEqualTo(200);
        for (String from : new String[] {"127.0.0.1", "127.0.0.2", "127.0.0.3"}) {
            LoopbackFrom.Answer again = reportFrom(from, id);
            assertThat(again.status()).as(again.text()).isEqualTo(409);
        }
        assertThat(anonymous().get("/api/v1/gallery/" + id).status()).isEqualTo(200);
        // The moderators see the whole history, resolved reports included, with reporter pseudonyms.
        JsonNode reports = moderator.api().get("/api/v1/moderation/" + id).json().at("/data/reports");
        assertThat(reports).hasSize(3);
        assertThat(reports.get(0).get("open").booleanValue()).isFalse();
        assertThat(reports.get(1).get("reporter").stringValue()).isNotBlank();
    }

    private LoopbackFrom.Answer reportFrom(String address, String id) {
        return LoopbackFrom.send(address, port, "POST", "/api/v1/gallery/" + id + "/reports",
                Map.of("Content-Type", "application/json"), "{\"reason\":\"spam\"}".getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- 4. one gate

    @Test
    void restMcpAndTheConsoleSpendFromOneBucketWithHeadersEverywhere() {
        TeamClient moderator = moderator("gate mods");
        ApiClient.Response first = moderator.api().get("/api/v1/models");
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("20");
        int remaining = Integer.parseInt(first.header("X-RateLimit-Remaining"));
        LoopbackFrom.Answer mcp = LoopbackFrom.send("127.0.0.1", port, "POST", "/mcp", Map.of("X-API-Key", moderator.key(),
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(mcp.header("X-RateLimit-Limit")).as("MCP answers carry the headers").isEqualTo("20");
        assertThat(Integer.parseInt(mcp.header("X-RateLimit-Remaining"))).isLessThan(remaining);
        WebClient console = new WebClient();
        assertThat(console.login(moderator.key()).statusCode()).isEqualTo(302);
        HttpResponse<String> page = console.get("/moderation");
        assertThat(page.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        // Spend the rest anywhere: every surface is refused together.
        int status = 200;
        for (int i = 0; i < 25 && status != 429; i++) {
            status = moderator.api().get("/api/v1/models").status();
        }
        assertThat(status).isEqualTo(429);
        LoopbackFrom.Answer mcpRefused = LoopbackFrom.send("127.0.0.1", port, "POST", "/mcp", Map.of("X-API-Key", moderator.key(),
                "Content-Type", "application/json"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(mcpRefused.status()).isEqualTo(429);
        assertThat(mcpRefused.header("Retry-After")).isNotBlank();
        HttpResponse<String> consoleRefused = console.get("/moderation");
        assertThat(consoleRefused.statusCode()).isEqualTo(429);
        assertThat(consoleRefused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void failedAuthenticationIsThrottledPerAddressAndCounted() {
        String from = "127.0.0.7";
        Map<String, String> wrong = Map.of("X-API-Key", "atl_not-a-key-at-all-0123456789");
        for (int i = 0; i < 3; i++) {
            assertThat(LoopbackFrom.send(from, port, "GET", "/api/v1/models", wrong, null).status()).isEqualTo(401);
        }
        LoopbackFrom.Answer throttled = LoopbackFrom.send(from, port, "GET", "/v1/models", wrong, null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(throttled.text()).contains("\"type\"").contains("failed authentication");
        // While throttled, even a good key from that address is not checked; other addresses are unaffected.
        assertThat(LoopbackFrom.send(from, port, "GET", "/api/v1/models", Map.of("X-API-Key", ADMIN_KEY), null).status()).isEqualTo(429);
        assertThat(LoopbackFrom.send(from, port, "POST", "/mcp", wrong, new byte[0]).status()).isEqualTo(429);
        assertThat(admin().get("/api/v1/models").status()).isEqualTo(200);
        JsonNode metric = anonymous().get("/actuator/metrics/atelier.auth.failures").json();
        assertThat(metric.at("/measurements/0/value").doubleValue()).isGreaterThanOrEqualTo(5);
    }

    // ---------------------------------------------------------------- 5. keys

    @Test
    void keysAreListedPerTeamAndARevokedKeyAnswers401AtOnce() {
        TeamClient team = team("keyring");
        TeamClient other = team("other keyring");
        ApiClient.Response second = admin().post("/api/v1/admin/keys", Map.of("teamId", team.teamId(), "name", "ci"));
        ApiClient secondKey = admin().withKey(second.json().at("/data/apiKey").stringValue());
        JsonNode own = team.api().get("/api/v1/admin/keys").json().get("data");
        assertThat(own).hasSize(2);
        assertThat(own.toString()).doesNotContain(team.key()).contains(team.key().substring(0, 10));
        String ciKeyId = null;
        for (JsonNode k : own) {
            assertThat(k.get("teamId").stringValue()).isEqualTo(team.teamId());
            if (k.get("name").stringValue().equals("ci")) {
                ciKeyId = k.get("id").stringValue();
            }
        }
        assertThat(admin().get("/api/v1/admin/keys").json().get("data").size()).isGreaterThan(2);
        // Another team's key is "not found" to a team.
        assertThat(other.api().delete("/api/v1/admin/keys/" + ciKeyId).status()).isEqualTo(404);
        assertThat(secondKey.get("/api/v1/models").status()).isEqualTo(200);
        ApiClient.Response revoked = team.api().delete("/api/v1/admin/keys/" + ciKeyId);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().at("/data/active").booleanValue()).isFalse();
        assertThat(secondKey.get("/api/v1/models").status()).as("revoked: refused on the very next request").isEqualTo(401);
        assertThat(team.api().get("/api/v1/models").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- 6. browser safety

    @Test
    void pagesSendSecurityHeadersAndSessionsLiveInCookiesOnly() {
        WebClient browser = new WebClient();
        HttpResponse<String> gallery = browser.get("/gallery");
        String csp = gallery.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(gallery.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(gallery.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(gallery.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        TeamClient moderator = moderator("cookie mods");
        WebClient console = new WebClient();
        HttpResponse<String> login = console.login(moderator.key());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).isEqualTo("/moderation").doesNotContain("jsessionid");
        String cookie = String.join("\n", login.headers().allValues("Set-Cookie"));
        assertThat(cookie).contains("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax");
        Matcher session = Pattern.compile("JSESSIONID=([^;]+)").matcher(cookie);
        assertThat(session.find()).isTrue();
        assertThat(console.get("/moderation").statusCode()).isEqualTo(200);
        // The same session id in the URL is not a session: a link cannot sign anyone in.
        HttpResponse<String> viaUrl = new WebClient().get("/moderation;jsessionid=" + session.group(1));
        assertThat(viaUrl.statusCode()).isEqualTo(302);
        assertThat(viaUrl.headers().firstValue("Location").orElse("")).isEqualTo("/moderation/login");
    }

    // ---------------------------------------------------------------- 7. URLs from configuration

    @Test
    void aForgedHostNeverReachesAnAnswerAndTheFeedStaysValidXml() throws Exception {
        TeamClient owner = team("feed");
        TeamClient moderator = moderator("feed mods");
        String id = generate(owner.api(), "a sign that reads \uFFFE\uFFFF\u0001 open");
        owner.api().post("/api/v1/generations/" + id + "/publish", "{}");
        assertThat(moderator.api().post("/api/v1/moderation/" + id + "/approve", "{}").status()).isEqualTo(200);

        LoopbackFrom.Answer forged = LoopbackFrom.send("127.0.0.1", port, "GET", "/gallery/feed.atom", Map.of("Host", "evil.example"), null);
        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.text()).doesNotContain("evil.example").contains("href=\"/gallery/" + id + "\"");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(forged.body()));
        LoopbackFrom.Answer api = LoopbackFrom.send("127.0.0.1", port, "GET", "/api/v1/gallery/" + id, Map.of("Host", "evil.example"), null);
        assertThat(api.text()).doesNotContain("evil.example").contains("\"imageUrl\":\"/gallery/" + id + "/image\"");
        LoopbackFrom.Answer local = LoopbackFrom.send("127.0.0.1", port, "GET", "/gallery/feed.atom", Map.of(), null);
        assertThat(local.text()).contains("http://127.0.0.1:" + port + "/gallery/" + id);
    }

    // ---------------------------------------------------------------- 8. what the gallery hides is hidden

    @Test
    void aHiddenImageIsNoLongerServedToThePublicButTheOwnerKeepsTheirLink() {
        TeamClient owner = team("hidden");
        TeamClient moderator = moderator("hide mods");
        String id = generate(owner.api(), "a lighthouse in fog");
        owner.api().post("/api/v1/generations/" + id + "/publish", "{}");
        moderator.api().post("/api/v1/moderation/" + id + "/approve", "{}");
        JsonNode view = anonymous().get("/api/v1/gallery/" + id).json().get("data");
        String galleryImage = view.get("imageUrl").stringValue();
        assertThat(galleryImage).endsWith("/gallery/" + id + "/image").doesNotContain("/files/");
        ApiClient.Response served = anonymous().getAbsolute(galleryImage, Map.of());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Cache-Control")).contains("no-cache");
        String ownerLink = owner.api().get("/api/v1/generations/" + id).json().at("/data/outputImages/0/storageUrl").stringValue();

        assertThat(moderator.api().post("/api/v1/moderation/" + id + "/hide", "{}").status()).isEqualTo(200);
        assertThat(anonymous().getAbsolute(galleryImage, Map.of()).status()).isEqualTo(404);
        assertThat(anonymous().get("/gallery/" + id + "/thumbnail").status()).isEqualTo(404);
        assertThat(anonymous().getAbsolute(ownerLink, Map.of()).status()).as("the owner's own link").isEqualTo(200);
    }

    // ---------------------------------------------------------------- 10. unmapped paths

    @Test
    void errorAndUnmappedPathsAre4xxInTheCallersDialectContainerRejectionsToo() {
        ApiClient.Response error = anonymous().get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.json().at("/error/code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(anonymous().get("/no-such-page").status()).isEqualTo(404);
        ApiClient.Response openAi = admin().get("/v1/images/variations");
        assertThat(openAi.status()).isEqualTo(404);
        assertThat(openAi.json().at("/error/type").stringValue()).isEqualTo("invalid_request_error");
        for (String path : new String[] {"/api/v1/generations/a%2Fb", "/api/v1/generations/a%00b", "/v1/images/x%2F..%2Fy"}) {
            LoopbackFrom.Answer refused = LoopbackFrom.send("127.0.0.1", port, "GET", path, Map.of(), null);
            assertThat(refused.status()).as(path).isBetween(400, 499);
            assertThat(refused.header("Content-Type")).as(path + ": " + refused.text()).contains("json");
            assertThat(refused.text()).doesNotContain("Tomcat");
        }
    }
}
