package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on every v0 route, table-driven: each case must answer its 4xx in v0's {@code {error}}
 * shape with a message naming the field at fault, never a 500, and charge nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V0BadInputTest extends V0TestSupport {

    private ApiClient team;
    private ApiClient other;
    private String jobId;
    private String imageId;

    /** One row: what to send, the status expected, and a text the error must contain (the field). */
    record Case(String name, Function<ApiClient, ApiClient.Response> send, int status, String mentions) {
    }

    @BeforeAll
    void data() {
        team = newTeam("v0-bad-input", 1000);
        other = newTeam("v0-bad-input-other", 10);
        ApiClient.Response done = other.post("/v0/images/generations", Map.of("prompt", "someone else's fox"));
        jobId = done.json().at("/data/id").stringValue();
        imageId = done.json().at("/data/data/0/id").stringValue();
    }

    private static Case post(String name, Object body, String mentions) {
        return new Case(name, c -> c.post("/v0/images/generations", body), 400, mentions);
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", "a fox");
        body.put(field, value);
        return body;
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // POST /v0/images/generations (JSON)
        cases.add(post("empty body", Map.of(), "prompt"));
        cases.add(post("blank prompt", Map.of("prompt", "  "), "prompt"));
        cases.add(post("prompt not a string", Map.of("prompt", 5), "prompt"));
        cases.add(post("body an array", List.of(1, 2), "body"));
        cases.add(post("not JSON", "{\"prompt\":", "JSON"));
        cases.add(post("prompt too long", Map.of("prompt", "x".repeat(50_000)), "prompt"));
        cases.add(post("negativePrompt not a string", with("negativePrompt", List.of()), "negativePrompt"));
        cases.add(post("negativePrompt too long", with("negativePrompt", "y".repeat(50_000)), "negativePrompt"));
        cases.add(post("presetId not a string", with("presetId", 3), "presetId"));
        cases.add(post("presetId too long", with("presetId", "p".repeat(500)), "presetId"));
        cases.add(post("unknown preset", with("presetId", "no-such-preset"), "presetId"));
        cases.add(post("unknown team preset id", with("presetId", "6f1c2d3e-0000-4000-8000-000000000001"), "presetId"));
        cases.add(post("variables not an object", with("variables", "x"), "variables"));
        cases.add(post("variables without preset", with("variables", Map.of("a", "b")), "variables"));
        cases.add(post("unknown variable", Map.of("presetId", "blog-featured-image",
                "variables", Map.of("topic", "x", "colour", "red")), "colour"));
        cases.add(post("bad enum variable", Map.of("presetId", "blog-featured-image",
                "variables", Map.of("topic", "x", "style", "cubist")), "variables.style"));
        cases.add(post("missing required variable", Map.of("presetId", "blog-featured-image"), "variables.topic"));
        cases.add(post("aspectRatio not in the list", with("aspectRatio", "7:3"), "aspectRatio"));
        cases.add(post("aspectRatio not a string", with("aspectRatio", 1.5), "aspectRatio"));
        cases.add(post("resolution unknown", with("resolution", "huge"), "resolution"));
        cases.add(post("resolution wrong case", with("resolution", "4K"), "resolution"));
        cases.add(post("sampleCount zero", with("sampleCount", 0), "sampleCount"));
        cases.add(post("sampleCount too big", with("sampleCount", 11), "sampleCount"));
        cases.add(post("sampleCount fractional", with("sampleCount", 1.5), "sampleCount"));
        cases.add(post("sampleCount a string", with("sampleCount", "2"), "sampleCount"));
        cases.add(post("modelVersion unknown", with("modelVersion", "nope/none"), "modelVersion"));
        cases.add(post("modelVersion empty", with("modelVersion", ""), "modelVersion"));
        cases.add(post("modelVersion not a string", with("modelVersion", true), "modelVersion"));
        cases.add(post("isPublic a string", with("isPublic", "yes"), "isPublic"));
        cases.add(post("refImageBase64 bad base64", with("refImageBase64", List.of(Map.of("data", "@@@"))), "refImageBase64[0].data"));
        cases.add(post("refImageBase64 too many", with("refImageBase64", List.of(1, 2, 3, 4, 5, 6)), "refImageBase64"));
        cases.add(post("refImageUrls bad URL", with("refImageUrls", List.of("http://exa mple.com/a.png")), "refImageUrls[0]"));
        cases.add(post("refImageUrls private", with("refImageUrls", List.of("http://10.1.2.3/a.png")), "refImageUrls[0]"));
        cases.add(post("refImageUrls not an array", with("refImageUrls", Map.of()), "refImageUrls"));
        cases.add(new Case("async flag not a boolean", c -> c.post("/v0/images/generations?async=maybe",
                Map.of("prompt", "a fox")), 400, "async"));
        cases.add(new Case("response_format unknown", c -> c.post("/v0/images/generations?response_format=jpeg",
                Map.of("prompt", "a fox")), 400, "response_format"));
        cases.add(new Case("include_base64 not a boolean", c -> c.post("/v0/images/generations?include_base64=yes",
                Map.of("prompt", "a fox")), 400, "include_base64"));
        cases.add(new Case("text/plain body", c -> c.send(HttpRequest.newBuilder(uri("/v0/images/generations"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("a fox"))), 415, "Content-Type"));
        cases.add(new Case("broken multipart", c -> c.send(HttpRequest.newBuilder(uri("/v0/images/generations"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nfox"))),
                400, "multipart"));
        cases.add(new Case("file over the upload limit", c -> postMultipart(c, "/v0/images/generations",
                new MultipartBody().field("presetId", "product-shot").file("product_photo", "big.png", "image/png",
                        new byte[25 * 1024 * 1024 + 64 * 1024])), 413, "25MB"));
        cases.add(new Case("multipart without prompt", c -> postMultipart(c, "/v0/images/generations",
                new MultipartBody().field("aspectRatio", "1:1")), 400, "prompt"));
        cases.add(new Case("wrong method", c -> c.put("/v0/images/generations", Map.of("prompt", "x")), 405, "PUT"));
        cases.add(new Case("no key", c -> anonymous().post("/v0/images/generations", Map.of("prompt", "x")), 401, ""));
        cases.add(new Case("bad key", c -> c.withKey("wrong-key").post("/v0/images/generations", Map.of("prompt", "x")),
                401, ""));
        // GET /v0/images/generations/{jobId}
        cases.add(new Case("other team's job", c -> c.get("/v0/images/generations/" + jobId), 404, jobId));
        cases.add(new Case("unknown job", c -> c.get("/v0/images/generations/6f1c2d3e-0000-4000-8000-000000000009"), 404,
                "6f1c2d3e-0000-4000-8000-000000000009"));
        cases.add(new Case("malformed job id", c -> c.get("/v0/images/generations/not-a-uuid"), 404, "not-a-uuid"));
        cases.add(new Case("poll response_format", c -> c.get("/v0/images/generations/" + jobId + "?response_format=x"),
                400, "response_format"));
        cases.add(new Case("poll without key", c -> anonymous().get("/v0/images/generations/" + jobId), 401, ""));
        // GET /v0/images/library
        cases.add(new Case("page zero", c -> c.get("/v0/images/library?page=0"), 400, "page"));
        cases.add(new Case("page not a number", c -> c.get("/v0/images/library?page=two"), 400, "page"));
        cases.add(new Case("page too large", c -> c.get("/v0/images/library?page=99999999999"), 400, "page"));
        cases.add(new Case("limit zero", c -> c.get("/v0/images/library?limit=0"), 400, "limit"));
        cases.add(new Case("limit 101", c -> c.get("/v0/images/library?limit=101"), 400, "limit"));
        cases.add(new Case("limit fractional", c -> c.get("/v0/images/library?limit=2.5"), 400, "limit"));
        cases.add(new Case("search too long", c -> c.get("/v0/images/library?search=" + "s".repeat(201)), 400, "search"));
        cases.add(new Case("presetId too long", c -> c.get("/v0/images/library?presetId=" + "p".repeat(201)), 400,
                "presetId"));
        cases.add(new Case("library without key", c -> anonymous().get("/v0/images/library"), 401, ""));
        // GET /v0/images/library/{id} and /download
        cases.add(new Case("other team's image", c -> c.get("/v0/images/library/" + imageId), 404, imageId));
        cases.add(new Case("unknown image", c -> c.get("/v0/images/library/6f1c2d3e-0000-4000-8000-00000000000a"), 404,
                "6f1c2d3e-0000-4000-8000-00000000000a"));
        cases.add(new Case("malformed image id", c -> c.get("/v0/images/library/img_abc"), 404, "img_abc"));
        cases.add(new Case("other team's download", c -> c.get("/v0/images/library/" + imageId + "/download"), 404, imageId));
        cases.add(new Case("unknown download", c -> c.get("/v0/images/library/nope/download"), 404, "nope"));
        cases.add(new Case("download without key", c -> anonymous().get("/v0/images/library/" + imageId + "/download"),
                401, ""));
        cases.add(new Case("library wrong method", c -> c.delete("/v0/images/library/" + imageId), 405, "DELETE"));
        // GET /v0/usage
        cases.add(new Case("usage without key", c -> anonymous().get("/v0/usage"), 401, ""));
        cases.add(new Case("usage bad key", c -> c.withKey("wrong-key").get("/v0/usage"), 401, ""));
        cases.add(new Case("usage wrong method", c -> c.post("/v0/usage", Map.of()), 405, "POST"));
        return cases;
    }

    @Test
    void everyBadInputIsA4xxInV0ShapeNamingTheField() {
        long credits = team.get("/v0/usage").json().at("/data/creditsRemaining").asLong();
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            ApiClient.Response r = c.send().apply(team);
            String body = new String(r.bytes());
            String error = null;
            try {
                error = r.json().get("error").stringValue();
            } catch (RuntimeException notJson) {
                // reported below
            }
            if (r.status() != c.status() || error == null || !error.contains(c.mentions())
                    || r.json().size() != 1) {
                failures.add(c.name() + ": expected " + c.status() + " mentioning '" + c.mentions() + "', got "
                        + r.status() + " " + body);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(credits);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
