package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what in the gallery and moderation: anonymous, the owner, another team, a moderator
 * key and an admin key against every route. The public sees approved images only; non-moderators
 * get 403 on moderation routes; another team's private items are 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GalleryAuthorizationMatrixTest extends GalleryTestSupport {

    enum Who { ANONYMOUS, OWNER, OTHER_TEAM, MODERATOR, ADMIN }

    TeamClient owner;
    TeamClient other;
    TeamClient moderator;
    String approved;
    String pending;
    String unpublished;

    @BeforeAll
    void publishSomeImages() {
        owner = team("matrix owner");
        other = team("matrix other");
        moderator = moderator("matrix moderators");
        approved = generate(owner.api(), "matrix approved harbour");
        pending = generate(owner.api(), "matrix pending meadow");
        unpublished = generate(owner.api(), "matrix private attic");
        assertThat(owner.api().post("/api/v1/generations/" + approved + "/publish", "{}").status()).isEqualTo(200);
        assertThat(owner.api().post("/api/v1/generations/" + pending + "/publish", "{}").json().at("/data/status").stringValue())
                .isEqualTo("PENDING_REVIEW");
        assertThat(moderator.api().post("/api/v1/moderation/" + approved + "/approve", "{}").status()).isEqualTo(200);
    }

    ApiClient client(Who who) {
        return switch (who) {
            case ANONYMOUS -> anonymous();
            case OWNER -> owner.api();
            case OTHER_TEAM -> other.api();
            case MODERATOR -> moderator.api();
            case ADMIN -> admin();
        };
    }

    static Map<Who, Integer> expect(int anonymous, int owner, int otherTeam, int moderator, int admin) {
        Map<Who, Integer> m = new EnumMap<>(Who.class);
        m.put(Who.ANONYMOUS, anonymous);
        m.put(Who.OWNER, owner);
        m.put(Who.OTHER_TEAM, otherTeam);
        m.put(Who.MODERATOR, moderator);
        m.put(Who.ADMIN, admin);
        return m;
    }

    record Route(String method, String path, String body, Map<Who, Integer> expected) {
    }

    @Test
    void everyRouteAnswersEachPrincipalAsExpected() {
        Map<Who, Integer> publicOk = expect(200, 200, 200, 200, 200);
        Map<Who, Integer> publicMissing = expect(404, 404, 404, 404, 404);
        Map<Who, Integer> moderatorsOnly = expect(401, 403, 403, 200, 200);
        Map<Who, Integer> ownerOnly = expect(401, 200, 404, 404, 404);
        List<Route> routes = List.of(
                new Route("GET", "/api/v1/gallery", null, publicOk),
                new Route("GET", "/api/v1/gallery?sort=top&q=matrix&model=local/preview", null, publicOk),
                new Route("GET", "/api/v1/gallery/models", null, publicOk),
                new Route("GET", "/api/v1/gallery/report-reasons", null, publicOk),
                new Route("GET", "/api/v1/gallery/" + approved, null, publicOk),
                new Route("GET", "/api/v1/gallery/" + pending, null, publicMissing),
                new Route("GET", "/api/v1/gallery/" + unpublished, null, publicMissing),
                new Route("GET", "/gallery", null, publicOk),
                new Route("GET", "/gallery/" + approved, null, publicOk),
                new Route("GET", "/gallery/" + pending, null, publicMissing),
                new Route("GET", "/gallery/" + unpublished, null, publicMissing),
                new Route("GET", "/gallery/" + approved + "/thumbnail", null, publicOk),
                new Route("GET", "/gallery/" + pending + "/thumbnail", null, publicMissing),
                new Route("GET", "/gallery/feed.atom", null, publicOk),
                new Route("GET", "/api/v1/generations/" + pending + "/publication", null, ownerOnly),
                new Route("POST", "/api/v1/generations/" + pending + "/publish", "{}", ownerOnly),
                new Route("POST", "/api/v1/generations/" + unpublished + "/withdraw", "{}", expect(401, 404, 404, 404, 404)),
                new Route("POST", "/api/v1/generations/" + pending + "/appeal", "{\"message\":\"please\"}", expect(401, 409, 404, 404, 404)),
                new Route("GET", "/api/v1/moderation/queue", null, moderatorsOnly),
                new Route("GET", "/api/v1/moderation/reasons", null, moderatorsOnly),
                new Route("GET", "/api/v1/moderation/reports", null, moderatorsOnly),
                new Route("GET", "/api/v1/moderation/audit", null, moderatorsOnly),
                new Route("GET", "/api/v1/moderation/" + pending, null, moderatorsOnly),
                new Route("GET", "/api/v1/moderation/" + unpublished, null, expect(401, 403, 403, 404, 404)),
                new Route("POST", "/api/v1/admin/moderator-keys", "{\"teamId\":\"" + other.teamId() + "\"}", expect(401, 403, 403, 403, 201)));
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            for (Who who : Who.values()) {
                ApiClient c = client(who);
                ApiClient.Response r = route.method().equals("GET") ? c.get(route.path()) : c.post(route.path(), route.body());
                int want = route.expected().get(who);
                if (r.status() != want) {
                    failures.add(route.method() + " " + route.path() + " as " + who + ": " + r.status() + " (expected " + want + ")");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void moderationDecisionsAre403ForNonModeratorsAndLeaveTheEntryAlone() {
        TeamClient o = team("decisions owner");
        String id = generate(o.api(), "decisions pending owl");
        o.api().post("/api/v1/generations/" + id + "/publish", "{}");
        for (Who who : List.of(Who.ANONYMOUS, Who.OWNER, Who.OTHER_TEAM)) {
            ApiClient c = who == Who.OWNER ? o.api() : client(who);
            int want = who == Who.ANONYMOUS ? 401 : 403;
            assertThat(c.post("/api/v1/moderation/" + id + "/approve", "{}").status()).as(who + " approve").isEqualTo(want);
            assertThat(c.post("/api/v1/moderation/" + id + "/reject", "{\"reason\":\"spam\"}").status()).as(who + " reject").isEqualTo(want);
            assertThat(c.post("/api/v1/moderation/" + id + "/hide", "{}").status()).as(who + " hide").isEqualTo(want);
            assertThat(c.post("/api/v1/moderation/bulk", "{\"action\":\"approve\",\"ids\":[\"" + id + "\"]}").status())
                    .as(who + " bulk").isEqualTo(want);
        }
        // a role claimed in the body changes nothing
        assertThat(o.api().post("/api/v1/moderation/" + id + "/approve", "{\"role\":\"MODERATOR\",\"moderator\":true}").status())
                .isEqualTo(403);
        assertThat(moderator.api().get("/api/v1/moderation/" + id).json().at("/data/status").stringValue()).isEqualTo("PENDING_REVIEW");
        assertThat(moderator.api().get("/api/v1/moderation/audit?target=" + id).json().get("data"))
                .extracting(a -> a.get("action").stringValue()).containsExactly("PUBLISH");
    }

    @Test
    void moderatorsAndAdminsDecideAndEachDecisionIsAudited() {
        TeamClient o = team("decided owner");
        String a = generate(o.api(), "decided a");
        String b = generate(o.api(), "decided b");
        String c = generate(o.api(), "decided c");
        String d = generate(o.api(), "decided d");
        for (String id : List.of(a, b, c, d)) {
            o.api().post("/api/v1/generations/" + id + "/publish", "{}");
        }
        ApiClient.Response approve = moderator.api().post("/api/v1/moderation/" + a + "/approve", "{}", Map.of("X-Request-Id", "req-matrix-a"));
        assertThat(approve.status()).isEqualTo(200);
        assertThat(approve.json().at("/data/status").stringValue()).isEqualTo("APPROVED");
        ApiClient.Response badReason = admin().post("/api/v1/moderation/" + b + "/reject", "{\"reason\":\"because\"}");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().at("/error/code").stringValue()).isEqualTo("VALIDATION_ERROR");
        assertThat(badReason.json().at("/error/message").stringValue()).contains("reason");
        ApiClient.Response reject = admin().post("/api/v1/moderation/" + b + "/reject", "{\"reason\":\"spam\",\"note\":\"dup\"}");
        assertThat(reject.json().at("/data/status").stringValue()).isEqualTo("REJECTED");
        assertThat(moderator.api().post("/api/v1/moderation/" + c + "/hide", "{\"reason\":\"later\"}").json().at("/data/status").stringValue())
                .isEqualTo("HIDDEN");
        ApiClient.Response bulk = admin().post("/api/v1/moderation/bulk",
                "{\"action\":\"approve\",\"ids\":[\"" + d + "\",\"00000000-0000-4000-8000-00000000abcd\"]}");
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.json().at("/data/0/success").booleanValue()).isTrue();
        assertThat(bulk.json().at("/data/1/error/code").stringValue()).isEqualTo("GALLERY_ENTRY_NOT_FOUND");

        JsonNode auditA = moderator.api().get("/api/v1/moderation/audit?target=" + a).json().get("data");
        assertThat(auditA.get(0).get("action").stringValue()).isEqualTo("APPROVE");
        assertThat(auditA.get(0).get("role").stringValue()).isEqualTo("MODERATOR");
        assertThat(auditA.get(0).get("actor").stringValue()).startsWith("key:");
        assertThat(auditA.get(0).get("requestId").stringValue()).isEqualTo("req-matrix-a");
        assertThat(auditA.get(0).get("before").stringValue()).isEqualTo("PENDING_REVIEW");
        assertThat(auditA.get(0).get("after").stringValue()).isEqualTo("APPROVED");
        JsonNode auditB = admin().get("/api/v1/moderation/audit?target=" + b).json().get("data");
        assertThat(auditB.get(0).get("action").stringValue()).isEqualTo("REJECT");
        assertThat(auditB.get(0).get("role").stringValue()).isEqualTo("ADMIN");
        assertThat(auditB.get(0).get("reason").stringValue()).isEqualTo("spam");
        assertThat(auditB.get(0).get("note").stringValue()).isEqualTo("dup");

        // the owner sees the decision and may appeal once; another team may not
        assertThat(other.api().post("/api/v1/generations/" + b + "/appeal", "{\"message\":\"mine\"}").status()).isEqualTo(404);
        ApiClient.Response appeal = o.api().post("/api/v1/generations/" + b + "/appeal", "{\"message\":\"not spam\"}");
        assertThat(appeal.status()).isEqualTo(200);
        assertThat(appeal.json().at("/data/round").intValue()).isEqualTo(1);
        assertThat(o.api().get("/api/v1/generations/" + b + "/publication").json().at("/data/status").stringValue())
                .isEqualTo("PENDING_REVIEW");
        admin().post("/api/v1/moderation/" + b + "/reject", "{\"reason\":\"spam\"}");
        ApiClient.Response again = o.api().post("/api/v1/generations/" + b + "/appeal", "{\"message\":\"really\"}");
        assertThat(again.status()).isEqualTo(200);
        admin().post("/api/v1/moderation/" + b + "/reject", "{\"reason\":\"spam\"}");
        assertThat(o.api().post("/api/v1/generations/" + b + "/withdraw", "{}").json().at("/data/status").stringValue())
                .isEqualTo("WITHDRAWN");
        assertThat(anonymous().get("/api/v1/gallery/" + a).status()).isEqualTo(200);
        assertThat(anonymous().get("/api/v1/gallery/" + c).status()).isEqualTo(404);
    }

    @Test
    void thePublicSeesApprovedImagesOnly() {
        for (Who who : Who.values()) {
            JsonNode list = client(who).get("/api/v1/gallery?limit=100").json();
            List<String> ids = new ArrayList<>();
            list.get("data").forEach(n -> ids.add(n.get("id").stringValue()));
            assertThat(ids).as(who.name()).contains(approved).doesNotContain(pending, unpublished);
            assertThat(list.at("/data/0").has("teamId")).isFalse();
        }
        JsonNode one = anonymous().get("/api/v1/gallery/" + approved).json().get("data");
        assertThat(one.get("prompt").stringValue()).isEqualTo("matrix approved harbour");
        assertThat(one.get("author").stringValue()).isEqualTo("matrix owner");
        assertThat(anonymous().getAbsolute(one.get("thumbnailUrl").stringValue(), Map.of()).header("Content-Type"))
                .isIn("image/jpeg", "image/webp");
        String html = new String(anonymous().get("/gallery").bytes());
        assertThat(html).contains(approved).doesNotContain(pending).doesNotContain(unpublished);
        String feed = new String(anonymous().get("/gallery/feed.atom").bytes());
        assertThat(feed).contains("urn:uuid:" + approved).doesNotContain(pending);
        assertThat(new String(anonymous().get("/gallery?q=harbour").bytes())).contains(approved);
        assertThat(new String(anonymous().get("/gallery?q=nothing-like-this").bytes())).doesNotContain(approved);
        ApiClient.Response badSort = anonymous().get("/api/v1/gallery?sort=best");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().at("/error/message").stringValue()).contains("sort");
    }

    @Test
    void viewersReportPublicImagesOnlyOnceEach() {
        TeamClient o = team("reported owner");
        String id = generate(o.api(), "reported lake");
        o.api().post("/api/v1/generations/" + id + "/publish", "{}");
        assertThat(anonymous().post("/api/v1/gallery/" + id + "/reports", "{\"reason\":\"spam\"}").status()).isEqualTo(404);
        moderator.api().post("/api/v1/moderation/" + id + "/approve", "{}");
        ApiClient.Response bad = anonymous().post("/api/v1/gallery/" + id + "/reports", "{\"reason\":\"ugly\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").stringValue()).contains("reason");
        assertThat(anonymous().post("/api/v1/gallery/" + id + "/reports", "{\"reason\":\"spam\",\"details\":\"x\"}").status()).isEqualTo(201);
        ApiClient.Response twice = anonymous().post("/api/v1/gallery/" + id + "/reports", "{\"reason\":\"spam\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().at("/error/code").stringValue()).isEqualTo("GALLERY_ALREADY_REPORTED");
        JsonNode queue = moderator.api().get("/api/v1/moderation/queue?limit=100").json().get("data");
        List<String> ids = new ArrayList<>();
        queue.forEach(n -> ids.add(n.get("id").stringValue()));
        assertThat(ids).contains(id);
    }

    @Test
    void theModerationConsoleNeedsAModeratorSessionAndItsCsrfToken() {
        WebClient anonymousBrowser = new WebClient();
        HttpResponse<String> redirect = anonymousBrowser.get("/moderation");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).endsWith("/moderation/login");
        assertThat(anonymousBrowser.post("/moderation/" + pending + "/approve", Map.of()).statusCode()).isEqualTo(403);
        assertThat(anonymousBrowser.get("/moderation/audit").statusCode()).isEqualTo(302);

        assertThat(new WebClient().login("not-a-key").statusCode()).isEqualTo(401);
        assertThat(new WebClient().login(owner.key()).statusCode()).isEqualTo(403);
        assertThat(new WebClient().login(other.key()).statusCode()).isEqualTo(403);
        WebClient noToken = new WebClient();
        noToken.get("/moderation/login");
        assertThat(noToken.post("/moderation/login", Map.of("apiKey", moderator.key())).statusCode()).isEqualTo(403);

        WebClient admins = new WebClient();
        assertThat(admins.login(ADMIN_KEY).statusCode()).isEqualTo(302);
        assertThat(admins.get("/moderation").statusCode()).isEqualTo(200);

        WebClient mod = new WebClient();
        HttpResponse<String> signedIn = mod.login(moderator.key());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/moderation");
        HttpResponse<String> page = mod.get("/moderation");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(pending);
        assertThat(mod.get("/moderation/audit").statusCode()).isEqualTo(200);
        // no token, wrong token: refused, nothing changes
        assertThat(mod.post("/moderation/" + pending + "/approve", Map.of()).statusCode()).isEqualTo(403);
        assertThat(mod.post("/moderation/" + pending + "/approve", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(mod.post("/moderation/bulk", Map.of("_csrf", "forged", "action", "approve", "ids", pending)).statusCode())
                .isEqualTo(403);
        assertThat(moderator.api().get("/api/v1/moderation/" + pending).json().at("/data/status").stringValue())
                .isEqualTo("PENDING_REVIEW");
        // the private thumbnail is visible to the signed-in moderator only
        assertThat(mod.get("/gallery/" + pending + "/thumbnail").statusCode()).isEqualTo(200);
        assertThat(anonymousBrowser.get("/gallery/" + pending + "/thumbnail").statusCode()).isEqualTo(404);

        // decisions through the console's forms, each audited as the signed-in moderator
        TeamClient o = team("console owner");
        String first = generate(o.api(), "console first");
        String second = generate(o.api(), "console second");
        String third = generate(o.api(), "console third");
        for (String id : List.of(first, second, third)) {
            o.api().post("/api/v1/generations/" + id + "/publish", "{}");
        }
        String token = mod.csrf("/moderation");
        HttpResponse<String> bulk = mod.post("/moderation/bulk?ids=" + first + "&ids=" + second,
                Map.of("_csrf", token, "action", "approve"));
        assertThat(bulk.statusCode()).isEqualTo(302);
        assertThat(bulk.headers().firstValue("Location").orElseThrow()).contains("done=bulk");
        HttpResponse<String> reject = mod.post("/moderation/" + third + "/reject", Map.of("_csrf", token, "reason", "low-quality",
                "note", "blurry"));
        assertThat(reject.headers().firstValue("Location").orElseThrow()).contains("done=reject");
        HttpResponse<String> badReason = mod.post("/moderation/" + first + "/reject", Map.of("_csrf", token, "reason", "meh"));
        assertThat(badReason.headers().firstValue("Location").orElseThrow()).contains("error=");
        for (String id : List.of(first, second)) {
            JsonNode audit = moderator.api().get("/api/v1/moderation/audit?target=" + id).json().get("data");
            assertThat(audit.get(0).get("action").stringValue()).isEqualTo("APPROVE");
            assertThat(audit.get(0).get("role").stringValue()).isEqualTo("MODERATOR");
            assertThat(audit.get(0).get("requestId").stringValue()).startsWith("web-");
            assertThat(anonymous().get("/api/v1/gallery/" + id).status()).isEqualTo(200);
        }
        JsonNode rejected = moderator.api().get("/api/v1/moderation/audit?target=" + third).json().get("data").get(0);
        assertThat(rejected.get("action").stringValue()).isEqualTo("REJECT");
        assertThat(rejected.get("reason").stringValue()).isEqualTo("low-quality");
        assertThat(rejected.get("note").stringValue()).isEqualTo("blurry");
        assertThat(new WebClient().get("/gallery?page=2&sort=top&q=console&model=local/preview").statusCode()).isEqualTo(200);
        assertThat(new WebClient().get("/gallery?page=nonsense").statusCode()).isEqualTo(200);

        assertThat(mod.post("/moderation/logout", Map.of("_csrf", token)).statusCode()).isEqualTo(302);
        assertThat(mod.get("/moderation").statusCode()).isEqualTo(302);
    }
}
