package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every route of every API group of {@code /v3/api-docs} is called for real, and its answer (status,
 * content type and body) must be one the description allows: a documented status, or the operation's
 * {@code default} (the dialect's error shape), with a body valid against that response's schema.
 *
 * <p>Each route gets a request that should succeed where the test knows one ({@link #samples}), with
 * path ids of real objects made first; the rest are called with an empty body, so their error answers
 * are checked instead. Deleting and canceling routes run last, so the objects live until then.
 */
class OpenApiConformanceTest extends AppTestSupport {

    private static final List<String> GROUPS = List.of("native", "openai", "cuppa", "v0", "recoup");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

    /** One request: the path's parameters, a query, a JSON body (or null) or a multipart form. */
    record Sample(String query, String json, MultipartBody form) {
        static Sample json(String json) {
            return new Sample("", json, null);
        }
    }

    private final Map<String, String> ids = new LinkedHashMap<>();

    @Test
    void everyRouteAnswersAsDescribed() {
        ApiClient admin = admin();
        for (String group : GROUPS) {
            ApiClient.Response docs = anonymous().get("/v3/api-docs/" + group);
            assertThat(docs.status()).as("GET /v3/api-docs/" + group).isEqualTo(200);
            assertThat(docs.json().get("openapi").stringValue()).startsWith("3.1");
        }
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);

        makeObjects(admin);
        Map<String, Sample> samples = samples();
        List<String> problems = new ArrayList<>();
        int calls = 0;
        int successes = 0;
        StringBuilder summary = new StringBuilder();
        for (String group : GROUPS) {
            JsonNode document = anonymous().get("/v3/api-docs/" + group).json();
            OpenApiSchemaValidator validator = new OpenApiSchemaValidator(document);
            List<String[]> operations = new ArrayList<>();
            document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    operations.add(new String[] {op.getKey().toUpperCase(), path.getKey()});
                }
            }));
            assertThat(operations).as(group + " operations").isNotEmpty();
            operations.sort(Comparator.comparing((String[] o) -> destructive(o[0], o[1])).thenComparing(o -> o[1]));
            for (String[] operation : operations) {
                String key = operation[0] + " " + operation[1];
                Sample sample = samples.getOrDefault(key, operation[0].equals("GET") || operation[0].equals("DELETE")
                        ? new Sample("", null, null) : Sample.json("{}"));
                ApiClient.Response answer = send(admin, operation[0], fill(operation[1]), sample);
                calls++;
                successes += answer.status() < 300 ? 1 : 0;
                summary.append(group).append(' ').append(key).append(" -> ").append(answer.status()).append('\n');
                problems.addAll(check(validator, document.get("paths").get(operation[1]).get(operation[0].toLowerCase()),
                        group + " " + key, answer));
            }
        }
        System.out.println("OpenAPI conformance: " + calls + " routes, " + successes + " answered 2xx\n" + summary);
        assertThat(calls).isGreaterThan(60);
        assertThat(successes).as("routes that answered 2xx (the rest check error shapes)\n" + summary).isGreaterThan(calls / 2);
        assertThat(problems).as("answers that the OpenAPI description does not allow").isEmpty();
    }

    private static boolean destructive(String method, String path) {
        return method.equals("DELETE") || path.endsWith("/cancel") || path.endsWith("/withdraw") || path.endsWith("/hide")
                || path.endsWith("/reject") || path.endsWith("/bulk") && method.equals("POST") && path.contains("moderation");
    }

    private List<String> check(OpenApiSchemaValidator validator, JsonNode operation, String what, ApiClient.Response answer) {
        List<String> problems = new ArrayList<>();
        JsonNode responses = operation.path("responses");
        String status = Integer.toString(answer.status());
        JsonNode response = responses.has(status) ? responses.get(status) : responses.get("default");
        String body = new String(answer.bytes(), StandardCharsets.UTF_8);
        String shown = what + " -> " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        if (answer.status() >= 500) {
            problems.add(shown + ": a server error");
            return problems;
        }
        if (response == null) {
            problems.add(shown + ": status not described (described: " + responses.propertyNames() + ")");
            return problems;
        }
        response = validator.resolve(response);
        JsonNode content = response.path("content");
        String contentType = answer.header("Content-Type") == null ? "" : answer.header("Content-Type").split(";")[0].trim();
        if (content.isMissingNode() || content.isEmpty()) {
            return problems;
        }
        JsonNode media = content.get(contentType);
        if (media == null) {
            media = content.get("*/*");
        }
        if (media == null && contentType.endsWith("json")) {
            media = content.get("application/json");
        }
        if (media == null) {
            problems.add(shown + ": content type " + contentType + " not described (described: " + content.propertyNames() + ")");
            return problems;
        }
        if (contentType.endsWith("json") && media.has("schema")) {
            JsonNode value = answer.json();
            for (String problem : validator.validate(media.get("schema"), value)) {
                problems.add(shown + ": " + problem);
            }
        }
        return problems;
    }

    private ApiClient.Response send(ApiClient client, String method, String path, Sample sample) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + sample.query()))
                .timeout(Duration.ofSeconds(60));
        if (sample.form() != null) {
            request.header("Content-Type", sample.form().contentType())
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(sample.form().bytes()));
        } else if (sample.json() != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(sample.json()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request);
    }

    /** The path with its parameters replaced by ids of real objects (or an unknown id). */
    private String fill(String path) {
        Matcher m = PATH_PARAMETER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = ids.getOrDefault(path + ":" + name, ids.getOrDefault(name, UUID.randomUUID().toString()));
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A team's objects of every kind, so routes with ids answer 200 rather than 404. */
    private void makeObjects(ApiClient admin) {
        ApiClient.Response generation = admin.post("/api/v1/generations", Map.of("prompt", "a tidy desk, morning light"),
                Map.of("Prefer", "wait=30"));
        assertThat(generation.status()).isEqualTo(201);
        String generationId = generation.json().at("/data/id").stringValue();
        ids.put("id", generationId);
        ids.put("/api/v1/images/{id}:id", generation.json().at("/data/outputImage/id").stringValue());
        ids.put("jobId", generationId);
        ids.put("model", "local/preview");
        ids.put("name", "conformance-style");
        ApiClient.Response template = admin.post("/api/v1/templates", Map.of("name", "conformance-style", "description", "Ink",
                "styleGuidance", "ink wash, soft edges", "cues", List.of("ink wash")));
        assertThat(template.status()).as(new String(template.bytes(), StandardCharsets.UTF_8)).isEqualTo(201);
        ApiClient.Response preset = admin.post("/api/v1/presets", Map.of("name", "Conformance preset", "prompt", "a {{subject}}",
                "requirements", List.of(Map.of("key", "subject", "type", "text", "required", true))));
        assertThat(preset.status()).as(new String(preset.bytes(), StandardCharsets.UTF_8)).isEqualTo(201);
        if (preset.status() == 201) {
            ids.put("/api/v1/presets/{id}:id", preset.json().at("/data/id").stringValue());
            ids.put("/api/v1/presets/{id}/render:id", preset.json().at("/data/id").stringValue());
        }
        ApiClient.Response article = admin.post("/v1/articles", Map.of("title", "Conformance", "summary", "A short article.",
                "keywords", List.of("test")));
        if (article.status() == 201) {
            JsonNode a = article.json();
            String articleId = a.has("id") ? a.get("id").stringValue() : a.at("/data/id").stringValue();
            ids.put("/v1/articles/{id}:id", articleId);
            ids.put("articleId", articleId);
        }
        ApiClient.Response bulk = admin.post("/v1/images/bulk", Map.of("article_ids", List.of(ids.getOrDefault("articleId",
                UUID.randomUUID().toString())), "model", "local/preview"));
        if (bulk.status() == 202) {
            ids.put("requestId", bulk.json().get("request_id").stringValue());
        }
        ApiClient.Response v0 = admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v0/images/generations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a kite\",\"aspectRatio\":\"1:1\"}")));
        if (v0.status() == 200) {
            ids.put("imageId", v0.json().at("/data/data/0/id").stringValue());
        }
        ApiClient.Response recoup = admin.get("/api/image/generate?prompt=conformance&account_id=" + UUID.randomUUID());
        if (recoup.status() == 200) {
            ids.put("recordId", recoup.json().at("/provenance/id").stringValue());
            String url = recoup.json().get("imageUrl").stringValue();
            ids.put("file", url.substring(url.lastIndexOf('/') + 1));
        }
        admin.post("/api/v1/generations/" + generationId + "/publish", Map.of());
        admin.post("/api/v1/moderation/" + generationId + "/approve", Map.of());
        ApiClient.Response team = admin.post("/api/v1/admin/teams", Map.of("name", "conformance-team", "credits", 5));
        ids.put("teamId", team.json().at("/data/team/id").stringValue());
        ApiClient.Response blocked = admin.post("/api/v1/moderation/blocklist", Map.of("entry", "conformanceblocked"));
        ids.put("/api/v1/moderation/blocklist/{id}:id", blocked.json().at("/data/id").asString(""));
    }

    private Map<String, Sample> samples() {
        Map<String, Sample> s = new LinkedHashMap<>();
        s.put("POST /api/v1/generations", Sample.json("{\"prompt\":\"a red kite over a beach\",\"aspectRatio\":\"16:9\"}"));
        s.put("POST /api/v1/admin/teams", Sample.json("{\"name\":\"conformance-" + UUID.randomUUID() + "\",\"credits\":5}"));
        s.put("POST /api/v1/moderation/blocklist", Sample.json("{\"entry\":\"conformanceword\"}"));
        s.put("POST /api/v1/templates", Sample.json("{\"name\":\"conformance-two\",\"description\":\"Charcoal\","
                + "\"styleGuidance\":\"charcoal\",\"cues\":[\"charcoal\"]}"));
        s.put("PUT /api/v1/templates/{name}", Sample.json("{\"description\":\"Ink\",\"styleGuidance\":\"ink\",\"cues\":[\"ink\"]}"));
        s.put("POST /api/v1/presets", Sample.json("{\"name\":\"Second preset\",\"prompt\":\"a {{thing}}\","
                + "\"requirements\":[{\"key\":\"thing\",\"type\":\"text\"}]}"));
        s.put("PUT /api/v1/presets/{id}", Sample.json("{\"name\":\"Conformance preset\",\"prompt\":\"a {{subject}}\","
                + "\"requirements\":[{\"key\":\"subject\",\"type\":\"text\",\"required\":true}]}"));
        s.put("POST /api/v1/presets/{id}/render", Sample.json("{\"variables\":{\"subject\":\"a mug\"}}"));
        s.put("POST /api/v1/admin/keys", Sample.json("{\"teamId\":\"" + ids.get("teamId") + "\"}"));
        s.put("POST /api/v1/admin/moderator-keys", Sample.json("{\"teamId\":\"" + ids.get("teamId") + "\"}"));
        s.put("POST /v1/articles", Sample.json("{\"title\":\"Second\",\"summary\":\"s\",\"keywords\":[\"a\"]}"));
        s.put("POST /v1/images/bulk", Sample.json("{\"article_ids\":[\"" + ids.get("articleId") + "\"],\"model\":\"gpt-image-1\"}"));
        s.put("PUT /api/v1/brand-kit", Sample.json("{\"name\":\"Conformance\",\"colors\":[\"#112233\"]}"));
        s.put("POST /api/v1/generations/{id}/appeal", Sample.json("{\"message\":\"please look again\"}"));
        s.put("POST /api/v1/moderation/{id}/reject", Sample.json("{\"reason\":\"spam\"}"));
        s.put("POST /api/v1/moderation/bulk", Sample.json("{\"action\":\"hide\",\"ids\":[\"" + ids.get("id") + "\"]}"));
        s.put("POST /v1/images/generations", Sample.json("{\"model\":\"gpt-image-1\",\"prompt\":\"A cute baby sea otter\",\"size\":\"1024x1024\"}"));
        s.put("POST /v1/images/edits", new Sample("", null, new MultipartBody().field("prompt", "add a rainbow")
                .field("model", "gpt-image-1").file("image", "original.png", "image/png", TestImages.png(64, 64, 0x3366cc))));
        s.put("POST /v1/images", Sample.json("{\"model\":\"gpt-image-1\",\"prompt\":\"a lighthouse at dusk\"}"));
        s.put("GET /api/image/generate", new Sample("?prompt=an+album+cover&account_id=" + UUID.randomUUID(), null, null));
        s.put("POST /v0/images/generations", Sample.json("{\"prompt\":\"a serene mountain lake at sunrise\",\"modelVersion\":\"gemini-3-pro-image-preview\"}"));
        s.put("POST /api/v1/gallery/{id}/reports", Sample.json("{\"reason\":\"spam\"}"));
        s.put("POST /api/v1/assistant/chat", Sample.json("{\"message\":\"hello\"}"));
        return s;
    }
}
