package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on every Cuppa route (and the native brand-kit routes): each answers its 4xx in the
 * dialect's error shape with a stable code and, where one field is at fault, that field; never a 500.
 */
class CuppaBadInputTest extends CuppaTestSupport {

    private static final String JSON = "application/json";

    /** One row: the request, and the status, code and (optional) field expected. */
    record Case(String method, String path, String contentType, String body, int status, String code, String field) {
        @Override
        public String toString() {
            return method + " " + path + " " + (body == null ? "" : body.length() > 80 ? body.substring(0, 80) + "…" : body);
        }
    }

    private static Case c(String method, String path, String body, int status, String code, String field) {
        return new Case(method, path, body == null ? null : JSON, body, status, code, field);
    }

    private static String json(Object value) {
        return ApiClient.JSON.writeValueAsString(value);
    }

    @Test
    void everyRouteAnswersBadInputWithA4xxInTheDialectsShape() {
        Team team = team("bad-input", 100);
        String article = createArticle(team.cuppa(), "No summary", null, List.of());
        String missing = UUID.randomUUID().toString();
        List<String> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(UUID.randomUUID().toString());
        }
        String ok = "\"model\":\"local/preview\",\"prompt\":\"a fox\"";

        List<Case> cuppaCases = List.of(
                // GET /v1/images
                c("GET", "/v1/images?limit=51", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/images?limit=0", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/images?limit=-3", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/images?limit=abc", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/images?limit=1.5", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/images?limit=99999999999", null, 400, "invalid_request", "limit"),
                // POST /v1/images
                new Case("POST", "/v1/images", null, null, 400, "invalid_request", "body"),
                c("POST", "/v1/images", "{not json", 400, "invalid_request", "body"),
                c("POST", "/v1/images", "[]", 400, "invalid_request", "body"),
                new Case("POST", "/v1/images", "text/plain", "a fox", 415, "unsupported_media_type", null),
                c("POST", "/v1/images", "{}", 400, "invalid_request", "model"),
                c("POST", "/v1/images", "{\"model\":\"local/preview\"}", 400, "invalid_request", "prompt"),
                c("POST", "/v1/images", "{\"prompt\":\"a fox\"}", 400, "invalid_request", "model"),
                c("POST", "/v1/images", "{\"model\":5,\"prompt\":\"a fox\"}", 400, "invalid_request", "model"),
                c("POST", "/v1/images", "{\"model\":\"dall-e-9\",\"prompt\":\"a fox\"}", 400, "model_not_found", "model"),
                c("POST", "/v1/images", "{\"model\":\"local/preview\",\"prompt\":\"   \"}", 400, "invalid_request", "prompt"),
                c("POST", "/v1/images", "{\"model\":\"local/preview\",\"prompt\":[\"a\"]}", 400, "invalid_request", "prompt"),
                c("POST", "/v1/images", json(Map.of("model", "local/preview", "prompt", "p".repeat(1001))), 400,
                        "invalid_request", "prompt"),
                c("POST", "/v1/images", "{" + ok + ",\"settings\":\"wide\"}", 400, "invalid_request", "settings"),
                c("POST", "/v1/images", "{" + ok + ",\"settings\":{\"size\":\"1024x1024\"}}", 400, "invalid_request",
                        "settings.size"),
                c("POST", "/v1/images", "{" + ok + ",\"settings\":{\"aspect_ratio\":\"7:5\"}}", 400, "invalid_request",
                        "settings.aspect_ratio"),
                c("POST", "/v1/images", "{" + ok + ",\"settings\":{\"aspect_ratio\":16}}", 400, "invalid_request",
                        "settings.aspect_ratio"),
                c("POST", "/v1/images", "{" + ok + ",\"settings\":{\"resolution\":\"8K\"}}", 400, "invalid_request",
                        "settings.resolution"),
                c("POST", "/v1/images", "{" + ok + ",\"settings\":{\"resolution\":\"2k\"}}", 400, "invalid_request",
                        "settings.resolution"),
                // POST /v1/images/bulk
                new Case("POST", "/v1/images/bulk", null, null, 400, "invalid_request", "body"),
                c("POST", "/v1/images/bulk", "{", 400, "invalid_request", "body"),
                c("POST", "/v1/images/bulk", "{}", 400, "invalid_request", "article_ids"),
                c("POST", "/v1/images/bulk", "{\"article_ids\":\"" + article + "\"}", 400, "invalid_request", "article_ids"),
                c("POST", "/v1/images/bulk", "{\"article_ids\":[]}", 400, "invalid_request", "article_ids"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", fiftyOne)), 400, "invalid_request", "article_ids"),
                c("POST", "/v1/images/bulk", "{\"article_ids\":[5]}", 400, "invalid_request", "article_ids[0]"),
                c("POST", "/v1/images/bulk", "{\"article_ids\":[\"" + article + "\",\"nope\"]}", 400, "invalid_request",
                        "article_ids[1]"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article, article))), 400, "invalid_request",
                        "article_ids[1]"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(missing))), 404, "not_found", "article_ids[0]"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "model", "")), 400, "invalid_request",
                        "model"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "model", "dall-e-9")), 400,
                        "model_not_found", "model"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "use_brand_colors", "yes")), 400,
                        "invalid_request", "use_brand_colors"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "prompt_template", 5)), 400,
                        "invalid_request", "prompt_template"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "prompt_template", "{{author}}")), 400,
                        "invalid_request", "prompt_template"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "prompt_template", "{{title}")), 400,
                        "invalid_request", "prompt_template"),
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "prompt_template", "x".repeat(1001))),
                        400, "invalid_request", "prompt_template"),
                // The article has no summary: this template renders nothing.
                c("POST", "/v1/images/bulk", json(Map.of("article_ids", List.of(article), "prompt_template", "{{summary}}")), 400,
                        "invalid_request", "prompt_template"),
                // GET / DELETE /v1/images/bulk/{requestId}
                c("GET", "/v1/images/bulk/not-a-uuid", null, 404, "not_found", null),
                c("GET", "/v1/images/bulk/" + missing, null, 404, "not_found", null),
                c("DELETE", "/v1/images/bulk/not-a-uuid", null, 404, "not_found", null),
                c("DELETE", "/v1/images/bulk/" + missing, null, 404, "not_found", null),
                // Articles
                new Case("POST", "/v1/articles", null, null, 400, "invalid_request", "body"),
                c("POST", "/v1/articles", "{}", 400, "invalid_request", "title"),
                c("POST", "/v1/articles", "{\"title\":\"\"}", 400, "invalid_request", "title"),
                c("POST", "/v1/articles", "{\"title\":5}", 400, "invalid_request", "title"),
                c("POST", "/v1/articles", json(Map.of("title", "t".repeat(201))), 400, "invalid_request", "title"),
                c("POST", "/v1/articles", json(Map.of("title", "two\nlines")), 400, "invalid_request", "title"),
                c("POST", "/v1/articles", "{\"title\":\"t\",\"summary\":5}", 400, "invalid_request", "summary"),
                c("POST", "/v1/articles", json(Map.of("title", "t", "summary", "s".repeat(2001))), 400, "invalid_request", "summary"),
                c("POST", "/v1/articles", "{\"title\":\"t\",\"keywords\":\"a,b\"}", 400, "invalid_request", "keywords"),
                c("POST", "/v1/articles", "{\"title\":\"t\",\"keywords\":[1]}", 400, "invalid_request", "keywords[0]"),
                c("POST", "/v1/articles", json(Map.of("title", "t", "keywords", Collections.nCopies(21, "k"))), 400,
                        "invalid_request", "keywords"),
                c("POST", "/v1/articles", json(Map.of("title", "t", "keywords", List.of("a", " "))), 400, "invalid_request",
                        "keywords[1]"),
                c("POST", "/v1/articles", json(Map.of("title", "t", "keywords", List.of("Bread", "bread"))), 400,
                        "invalid_request", "keywords[1]"),
                c("POST", "/v1/articles", json(Map.of("title", "t", "keywords", List.of("k".repeat(61)))), 400,
                        "invalid_request", "keywords[0]"),
                c("GET", "/v1/articles?limit=0", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/articles?limit=101", null, 400, "invalid_request", "limit"),
                c("GET", "/v1/articles?offset=-1", null, 400, "invalid_request", "offset"),
                c("GET", "/v1/articles?offset=x", null, 400, "invalid_request", "offset"),
                c("GET", "/v1/articles/not-a-uuid", null, 404, "not_found", null),
                c("GET", "/v1/articles/" + missing, null, 404, "not_found", null),
                c("DELETE", "/v1/articles/not-a-uuid", null, 404, "not_found", null),
                c("DELETE", "/v1/articles/" + missing, null, 404, "not_found", null));

        SoftAssertions soft = new SoftAssertions();
        for (Case bad : cuppaCases) {
            ApiClient.Response r = team.cuppa().send(bad.method(), bad.path(), bad.contentType(), bad.body(), Map.of());
            String body = new String(r.bytes());
            soft.assertThat(r.status()).as(bad + " → " + body).isEqualTo(bad.status());
            if (r.status() == bad.status()) {
                JsonNode json = r.json();
                soft.assertThat(json.propertyNames()).as(bad + " shape").containsExactly("error");
                soft.assertThat(json.at("/error/code").stringValue()).as(bad + " code").isEqualTo(bad.code());
                soft.assertThat(json.at("/error/message").stringValue()).as(bad + " message").isNotBlank();
                if (bad.field() != null) {
                    soft.assertThat(json.at("/error/field").stringValue()).as(bad + " field").isEqualTo(bad.field());
                }
            }
        }

        List<Case> brandCases = List.of(
                new Case("PUT", "/api/v1/brand-kit", null, null, 400, "VALIDATION_ERROR", null),
                c("PUT", "/api/v1/brand-kit", "[]", 400, "VALIDATION_ERROR", null),
                c("PUT", "/api/v1/brand-kit", "{oops", 400, "VALIDATION_ERROR", null),
                new Case("PUT", "/api/v1/brand-kit", "text/plain", "navy", 415, "UNSUPPORTED_MEDIA_TYPE", null),
                c("PUT", "/api/v1/brand-kit", "{\"colors\":\"#123456\"}", 400, "VALIDATION_ERROR", "colors"),
                c("PUT", "/api/v1/brand-kit", "{\"colors\":[5]}", 400, "VALIDATION_ERROR", "colors[0]"),
                c("PUT", "/api/v1/brand-kit", "{\"colors\":[{\"hex\":\"blue\"}]}", 400, "VALIDATION_ERROR", "colors[0].hex"),
                c("PUT", "/api/v1/brand-kit", "{\"colors\":[{\"name\":\"navy\"}]}", 400, "VALIDATION_ERROR", "colors[0].hex"),
                c("PUT", "/api/v1/brand-kit", "{\"colors\":[{\"hex\":5}]}", 400, "VALIDATION_ERROR", "colors[0].hex"),
                c("PUT", "/api/v1/brand-kit", json(Map.of("colors", List.of(Map.of("hex", "#123456", "name", "n".repeat(41))))),
                        400, "VALIDATION_ERROR", "colors[0].name"),
                c("PUT", "/api/v1/brand-kit", json(Map.of("colors", List.of("#abc", "#AABBCC"))), 400, "VALIDATION_ERROR",
                        "colors[1].hex"),
                c("PUT", "/api/v1/brand-kit", json(Map.of("colors", Collections.nCopies(13, "#123456"))), 400,
                        "VALIDATION_ERROR", "colors"),
                c("PUT", "/api/v1/brand-kit", "{\"styleWords\":\"minimal\"}", 400, "VALIDATION_ERROR", "styleWords"),
                c("PUT", "/api/v1/brand-kit", "{\"styleWords\":[1]}", 400, "VALIDATION_ERROR", "styleWords[0]"),
                c("PUT", "/api/v1/brand-kit", json(Map.of("styleWords", List.of("a;b"))), 400, "VALIDATION_ERROR", "styleWords[0]"),
                c("PUT", "/api/v1/brand-kit", json(Map.of("styleWords", List.of("w".repeat(41)))), 400, "VALIDATION_ERROR",
                        "styleWords[0]"),
                c("PUT", "/api/v1/brand-kit", json(Map.of("styleWords", Collections.nCopies(13, "w"))), 400, "VALIDATION_ERROR",
                        "styleWords"));
        for (Case bad : brandCases) {
            ApiClient.Response r = team.cuppa().send(bad.method(), bad.path(), bad.contentType(), bad.body(), Map.of());
            String body = new String(r.bytes());
            soft.assertThat(r.status()).as(bad + " → " + body).isEqualTo(bad.status());
            if (r.status() == bad.status()) {
                JsonNode json = r.json();
                soft.assertThat(json.get("success").booleanValue()).as(bad + " success").isFalse();
                soft.assertThat(json.at("/error/code").stringValue()).as(bad + " code").isEqualTo(bad.code());
                if (bad.field() != null) {
                    soft.assertThat(json.at("/error/message").stringValue()).as(bad + " message").startsWith(bad.field() + " ");
                }
            }
        }
        soft.assertAll();

        // A team that cannot pay gets 402 from both creating routes, and nothing is created.
        Team broke = team("bad-input-broke", 0);
        cuppaError(broke.cuppa().post("/v1/images", Map.of("model", "local/preview", "prompt", "a fox")), 402, "insufficient_credits");
        String brokeArticle = createArticle(broke.cuppa(), "Unpaid", null, List.of());
        cuppaError(broke.cuppa().post("/v1/images/bulk", Map.of("article_ids", List.of(brokeArticle))), 402, "insufficient_credits");
        assertThat(broke.api().get("/api/v1/generations").json().at("/pagination/total").intValue()).isZero();

        // None of it created anything.
        assertThat(team.api().get("/api/v1/generations").json().at("/pagination/total").intValue()).isZero();
        assertThat(team.cuppa().get("/v1/articles").json()).hasSize(1);
        assertThat(team.cuppa().get("/api/v1/brand-kit").json().at("/data/colors")).isEmpty();
    }
}
