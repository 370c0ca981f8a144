package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cuppa's bulk featured images over articles: the document's request and response fields, a run
 * over 20 articles, prompt templates, brand colours, ownership and all-or-nothing acceptance.
 */
class CuppaBulkTest extends CuppaTestSupport {

    private static boolean ended(JsonNode status) {
        return Set.of("completed", "failed", "canceled").contains(status.get("status").stringValue());
    }

    private static String startBulk(CuppaClient cuppa, Map<String, Object> body) {
        ApiClient.Response accepted = cuppa.post("/v1/images/bulk", body);
        assertThat(accepted.status()).as(new String(accepted.bytes())).isEqualTo(202);
        return accepted.json().get("request_id").stringValue();
    }

    @Test
    void twentyArticlesCompleteWithPerArticleResults() {
        Team team = team("bulk-twenty", 100);
        List<String> articleIds = createArticles(team.cuppa(), 20, "Article");

        ApiClient.Response accepted = team.cuppa().post("/v1/images/bulk", Map.of("article_ids", articleIds));
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode queued = accepted.json();
        assertThat(queued.propertyNames()).containsExactly("request_id", "total_articles", "status");
        assertThat(UUID.fromString(queued.get("request_id").stringValue())).isNotNull();
        assertThat(queued.get("total_articles").intValue()).isEqualTo(20);
        assertThat(queued.get("status").stringValue()).isEqualTo("queued");
        String requestId = queued.get("request_id").stringValue();

        JsonNode done = team.cuppa().pollBulk(requestId, CuppaBulkTest::ended, Duration.ofSeconds(90));
        assertThat(done.get("request_id").stringValue()).isEqualTo(requestId);
        assertThat(done.get("status").stringValue()).isEqualTo("completed");
        assertThat(done.get("total_articles").intValue()).isEqualTo(20);
        assertThat(done.get("completed_articles").intValue()).isEqualTo(20);
        assertThat(done.get("failed_articles").intValue()).isZero();
        // gpt-image-1 (the document's default) is not served here: the catalog default is used.
        assertThat(done.get("model").stringValue()).isEqualTo("local/preview");
        assertThat(done.get("requested_model").stringValue()).isEqualTo("gpt-image-1");
        JsonNode articles = done.get("articles");
        assertThat(articles.propertyNames()).containsExactlyElementsOf(articleIds);
        Set<String> urls = new HashSet<>();
        for (String id : articleIds) {
            JsonNode result = articles.get(id);
            assertThat(result.get("status").stringValue()).isEqualTo("completed");
            assertThat(result.get("error").isNull()).isTrue();
            urls.add(result.get("image_url").stringValue());
        }
        assertThat(urls).hasSize(20);
        ApiClient.Response image = anonymous().getAbsolute(articles.get(articleIds.get(0)).get("image_url").stringValue(), Map.of());
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/png");

        // Each article is one generation of the team, visible in the native API, made with the default template.
        JsonNode first = team.api().get("/api/v1/generations/" + articles.get(articleIds.get(0)).get("generation_id").stringValue())
                .json().get("data");
        assertThat(first.get("source").stringValue()).isEqualTo("cuppa");
        assertThat(first.get("prompt").stringValue()).isEqualTo("Featured image for the article \"Article 0\". Summary of Article 0. "
                + "Themes: topic0, news. Editorial illustration without text.");
        assertThat(first.get("aspectRatio").stringValue()).isEqualTo("16:9");
        assertThat(first.at("/meta/cuppa_bulk_request_id").stringValue()).isEqualTo(requestId);
        assertThat(first.at("/meta/article_id").stringValue()).isEqualTo(articleIds.get(0));
        assertThat(team.api().get("/api/v1/generations?limit=100").json().at("/pagination/total").intValue()).isEqualTo(20);
        assertThat(credits("bulk-twenty")).isEqualTo(80);
        // The images are the team's images in the images list too.
        assertThat(team.cuppa().get("/v1/images?limit=50").json()).hasSize(20);
    }

    @Test
    void promptTemplateFieldsAndBrandColoursShapeThePrompts() {
        Team team = team("bulk-brand", 100);
        assertThat(team.cuppa().put("/api/v1/brand-kit", Map.of(
                "colors", List.of(Map.of("hex", "#1e3a8a", "name", "navy"), "#f97316"),
                "styleWords", List.of("minimal"))).status()).isEqualTo(200);
        String article = createArticle(team.cuppa(), "Ten tips for sourdough", "Bake better bread", List.of("bread", "baking"));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("article_ids", List.of(article));
        body.put("model", "local/preview");
        body.put("use_brand_colors", true);
        body.put("prompt_template", "Poster for {{title}} ({{ keywords }}): {{summary}}");
        JsonNode branded = team.cuppa().pollBulk(startBulk(team.cuppa(), body), CuppaBulkTest::ended, Duration.ofSeconds(60));
        assertThat(branded.get("status").stringValue()).isEqualTo("completed");
        assertThat(branded.get("use_brand_colors").booleanValue()).isTrue();
        String prompt = team.api().get("/api/v1/generations/" + branded.at("/articles/" + article + "/generation_id").stringValue())
                .json().at("/data/prompt").stringValue();
        assertThat(prompt).isEqualTo("Poster for Ten tips for sourdough (bread, baking): Bake better bread. "
                + "Brand palette: #1e3a8a (navy), #f97316; style: minimal");

        body.put("use_brand_colors", false);
        JsonNode plain = team.cuppa().pollBulk(startBulk(team.cuppa(), body), CuppaBulkTest::ended, Duration.ofSeconds(60));
        String plainPrompt = team.api().get("/api/v1/generations/" + plain.at("/articles/" + article + "/generation_id").stringValue())
                .json().at("/data/prompt").stringValue();
        assertThat(plainPrompt).isEqualTo("Poster for Ten tips for sourdough (bread, baking): Bake better bread")
                .doesNotContain("palette");
    }

    @Test
    void anotherTeamsArticlesAndRequestsAreNotFound() {
        Team owner = team("bulk-owner", 100);
        Team stranger = team("bulk-stranger", 100);
        String article = createArticle(owner.cuppa(), "Owned", null, List.of());
        String requestId = startBulk(owner.cuppa(), Map.of("article_ids", List.of(article)));

        JsonNode error = cuppaError(stranger.cuppa().post("/v1/images/bulk", Map.of("article_ids", List.of(article))), 404, "not_found");
        assertThat(error.get("field").stringValue()).isEqualTo("article_ids[0]");
        cuppaError(stranger.cuppa().get("/v1/images/bulk/" + requestId), 404, "not_found");
        cuppaError(stranger.cuppa().delete("/v1/images/bulk/" + requestId), 404, "not_found");
        cuppaError(stranger.cuppa().get("/v1/images/bulk/" + UUID.randomUUID()), 404, "not_found");
        cuppaError(owner.cuppa().post("/v1/images/bulk", Map.of("article_ids", List.of(article, UUID.randomUUID().toString()))),
                404, "not_found");
        // Nothing was created for the refused requests.
        assertThat(stranger.api().get("/api/v1/generations").json().at("/pagination/total").intValue()).isZero();
        assertThat(owner.cuppa().pollBulk(requestId, CuppaBulkTest::ended, Duration.ofSeconds(60)).get("status").stringValue())
                .isEqualTo("completed");
        assertThat(owner.api().get("/api/v1/generations").json().at("/pagination/total").intValue()).isEqualTo(1);
    }

    @Test
    void aBulkRequestIsAcceptedWhollyOrNotAtAll() {
        Team poor = team("bulk-poor", 3);
        List<String> articles = createArticles(poor.cuppa(), 5, "Costly");
        JsonNode error = cuppaError(poor.cuppa().post("/v1/images/bulk", Map.of("article_ids", articles)), 402, "insufficient_credits");
        assertThat(error.get("message").stringValue()).contains("costs 5 credits").contains("has 3");
        assertThat(poor.api().get("/api/v1/generations").json().at("/pagination/total").intValue()).isZero();
        assertThat(credits("bulk-poor")).isEqualTo(3);
        // Three articles fit the budget.
        String requestId = startBulk(poor.cuppa(), Map.of("article_ids", articles.subList(0, 3)));
        assertThat(poor.cuppa().pollBulk(requestId, CuppaBulkTest::ended, Duration.ofSeconds(60)).get("completed_articles").intValue())
                .isEqualTo(3);
        assertThat(credits("bulk-poor")).isZero();
    }

    @Test
    void cancelingAFinishedRequestSucceedsAndChangesNothing() {
        Team team = team("bulk-finished", 10);
        String requestId = startBulk(team.cuppa(), Map.of("article_ids", List.of(createArticle(team.cuppa(), "Done", null, List.of()))));
        team.cuppa().pollBulk(requestId, CuppaBulkTest::ended, Duration.ofSeconds(60));
        ApiClient.Response canceled = team.cuppa().delete("/v1/images/bulk/" + requestId);
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().get("success").booleanValue()).isTrue();
        JsonNode after = team.cuppa().get("/v1/images/bulk/" + requestId).json();
        assertThat(after.get("status").stringValue()).isEqualTo("completed");
        assertThat(after.get("completed_articles").intValue()).isEqualTo(1);
        assertThat(after.get("canceled_at").isNull()).isTrue();
    }
}
