package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Cuppa document's images routes replayed against Atelier: {@code X-API-KEY}, {@code GET/POST
 * /v1/images} with their fields, defaults and limits, {@code GET /v1/meta/image_models}, and the
 * dialect's error shape; plus articles and the native brand-kit routes.
 */
class CuppaDialectTest extends CuppaTestSupport {

    private static BufferedImage png(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        try {
            return ImageIO.read(new ByteArrayInputStream(response.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void createAnswersTheFinishedImagesIdAndUrl() {
        Team team = team("cuppa-create", 100);
        // The document's request: model, prompt; no settings → aspect_ratio 16:9 for a non-OpenAI model.
        ApiClient.Response created = team.cuppa().post("/v1/images", Map.of("model", "local/preview", "prompt", "a red fox in snow"));
        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(200);
        JsonNode image = created.json();
        assertThat(image.propertyNames()).containsExactly("id", "url");
        String imageId = image.get("id").stringValue();
        BufferedImage bytes = png(anonymous().getAbsolute(image.get("url").stringValue(), Map.of()));
        assertThat(bytes.getWidth()).isEqualTo(1024);
        assertThat(bytes.getHeight()).isEqualTo(576);

        // The id is the image id everywhere: the native API knows it, and the generation came from Cuppa.
        JsonNode nativeImage = team.api().get("/api/v1/images/" + imageId).json().get("data");
        String generationId = nativeImage.get("generationId").stringValue();
        assertThat(created.header("X-Generation-Id")).isEqualTo(generationId);
        JsonNode generation = team.api().get("/api/v1/generations/" + generationId).json().get("data");
        assertThat(generation.get("source").stringValue()).isEqualTo("cuppa");
        assertThat(generation.get("prompt").stringValue()).isEqualTo("a red fox in snow");
        assertThat(generation.get("autoEnhance").booleanValue()).isFalse();
        assertThat(generation.get("aspectRatio").stringValue()).isEqualTo("16:9");

        JsonNode listed = team.cuppa().get("/v1/images").json();
        assertThat(listed.get(0).get("id").stringValue()).isEqualTo(imageId);
        assertThat(listed.get(0).get("url").stringValue()).isEqualTo(image.get("url").stringValue());
        assertThat(credits("cuppa-create")).isEqualTo(99);
    }

    @Test
    void settingsChooseRatioAndResolutionAndCuppaModelSpellingsWork() {
        Team team = team("cuppa-settings", 100);
        JsonNode portrait = team.cuppa().post("/v1/images", Map.of("model", "local:preview", "prompt", "a tall tower",
                "settings", Map.of("aspect_ratio", "9:16"))).json();
        BufferedImage tall = png(anonymous().getAbsolute(portrait.get("url").stringValue(), Map.of()));
        assertThat(tall.getWidth()).isEqualTo(576);
        assertThat(tall.getHeight()).isEqualTo(1024);

        JsonNode big = team.cuppa().post("/v1/images", Map.of("model", "preview", "prompt", "a square sun",
                "settings", Map.of("aspect_ratio", "1:1", "resolution", "2K"))).json();
        BufferedImage square = png(anonymous().getAbsolute(big.get("url").stringValue(), Map.of()));
        assertThat(square.getWidth()).isEqualTo(2048);
        assertThat(square.getHeight()).isEqualTo(2048);

        // The prompt limit of the document is 1000 characters: exactly 1000 is accepted.
        assertThat(team.cuppa().post("/v1/images", Map.of("model", "local/preview", "prompt", "a".repeat(1000))).status())
                .isEqualTo(200);
    }

    @Test
    void listGivesTheTeamsImagesNewestFirstWithTheDocumentsLimit() {
        Team team = team("cuppa-list", 100);
        Team other = team("cuppa-list-other", 100);
        List<String> generationIds = new ArrayList<>();
        for (int count : new int[] {10, 10, 3}) {
            JsonNode g = team.api().post("/api/v1/generations", Map.of("prompt", "batch of " + count, "count", count),
                    Map.of("Prefer", "wait=60")).json().get("data");
            assertThat(g.get("status").stringValue()).isEqualTo("success");
            generationIds.add(g.get("id").stringValue());
        }
        other.cuppa().post("/v1/images", Map.of("model", "local/preview", "prompt", "not yours"));

        JsonNode byDefault = team.cuppa().get("/v1/images").json();
        assertThat(byDefault).hasSize(20);
        // Newest generation first: its 3 images lead, in their order.
        JsonNode newest = team.api().get("/api/v1/generations/" + generationIds.get(2)).json().at("/data/outputImages");
        for (int i = 0; i < 3; i++) {
            assertThat(byDefault.get(i).get("id").stringValue()).isEqualTo(newest.get(i).get("id").stringValue());
        }
        for (JsonNode item : byDefault) {
            assertThat(item.propertyNames()).containsExactly("id", "url");
        }
        assertThat(team.cuppa().get("/v1/images?limit=1").json()).hasSize(1);
        assertThat(team.cuppa().get("/v1/images?limit=50").json()).hasSize(23);
        assertThat(other.cuppa().get("/v1/images?limit=50").json()).hasSize(1);
        cuppaError(team.cuppa().get("/v1/images?limit=51"), 400, "invalid_request");
        assertThat(cuppaError(team.cuppa().get("/v1/images?limit=ten"), 400, "invalid_request").get("field").stringValue())
                .isEqualTo("limit");
    }

    @Test
    void metaListsEveryModelWithTheSettingsItTakes() {
        JsonNode models = team("cuppa-meta", 10).cuppa().get("/v1/meta/image_models").json();
        assertThat(models.isArray()).isTrue();
        JsonNode local = null;
        for (JsonNode m : models) {
            if (m.get("id").stringValue().equals("local/preview")) {
                local = m;
            }
        }
        assertThat(local).isNotNull();
        assertThat(local.get("provider").stringValue()).isEqualTo("local");
        assertThat(local.get("default").booleanValue()).isTrue();
        // No OpenAI provider here: bulk's default gpt-image-1 falls back to the catalog default.
        assertThat(local.get("bulk_default").booleanValue()).isTrue();
        assertThat(local.get("aliases").valueStream().map(JsonNode::stringValue)).containsExactly("local:preview", "preview");
        assertThat(local.at("/settings/aspect_ratio/values")).hasSize(11);
        assertThat(local.at("/settings/aspect_ratio/default").stringValue()).isEqualTo("16:9");
        assertThat(local.at("/settings/resolution/values").valueStream().map(JsonNode::stringValue)).containsExactly("1K", "2K", "4K");
        assertThat(local.at("/settings/size").isMissingNode()).isTrue();
        assertThat(local.get("max_prompt_length").intValue()).isEqualTo(1000);
        assertThat(local.get("credit_cost").intValue()).isEqualTo(1);
    }

    @Test
    void keysAreCheckedInTheDialectsShape() {
        cuppaError(cuppa(null).get("/v1/images"), 401, "unauthorized");
        cuppaError(cuppa("not-a-key").post("/v1/images", Map.of("model", "local/preview", "prompt", "x")), 401, "unauthorized");
        cuppaError(cuppa(null).get("/v1/images/bulk/" + UUID.randomUUID()), 401, "unauthorized");
        cuppaError(cuppa(null).get("/v1/articles"), 401, "unauthorized");
    }

    @Test
    void articlesAreTeamOwned() {
        Team team = team("cuppa-articles", 10);
        Team other = team("cuppa-articles-other", 10);
        ApiClient.Response created = team.cuppa().post("/v1/articles", Map.of("title", "  Ten tips for sourdough ",
                "summary", "Bake better bread", "keywords", List.of("bread", "baking")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode article = created.json();
        assertThat(article.propertyNames()).containsExactly("id", "title", "summary", "keywords", "created_at");
        assertThat(article.get("title").stringValue()).isEqualTo("Ten tips for sourdough");
        String id = article.get("id").stringValue();

        assertThat(team.cuppa().get("/v1/articles/" + id).json()).isEqualTo(article);
        String second = createArticle(team.cuppa(), "Second", null, List.of());
        JsonNode listed = team.cuppa().get("/v1/articles").json();
        assertThat(listed.valueStream().map(a -> a.get("id").stringValue())).containsExactly(second, id);
        assertThat(team.cuppa().get("/v1/articles?limit=1&offset=1").json().get(0).get("id").stringValue()).isEqualTo(id);
        assertThat(listed.get(0).get("summary").isNull()).isTrue();

        cuppaError(other.cuppa().get("/v1/articles/" + id), 404, "not_found");
        cuppaError(other.cuppa().delete("/v1/articles/" + id), 404, "not_found");
        assertThat(other.cuppa().get("/v1/articles").json()).isEmpty();

        ApiClient.Response deleted = team.cuppa().delete("/v1/articles/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").booleanValue()).isTrue();
        cuppaError(team.cuppa().get("/v1/articles/" + id), 404, "not_found");
    }

    @Test
    void brandKitIsReadAndReplacedInTheNativeEnvelope() {
        Team team = team("cuppa-brand", 10);
        JsonNode empty = team.cuppa().get("/api/v1/brand-kit").json();
        assertThat(empty.get("success").booleanValue()).isTrue();
        assertThat(empty.at("/data/colors")).isEmpty();
        assertThat(empty.at("/data/styleWords")).isEmpty();

        ApiClient.Response saved = team.cuppa().put("/api/v1/brand-kit", Map.of(
                "colors", List.of(Map.of("hex", "#1E3A8A", "name", "navy"), "#F73"),
                "styleWords", List.of("minimal", "flat vector")));
        assertThat(saved.status()).as(new String(saved.bytes())).isEqualTo(200);
        JsonNode data = saved.json().get("data");
        assertThat(data.at("/colors/0/hex").stringValue()).isEqualTo("#1e3a8a");
        assertThat(data.at("/colors/0/name").stringValue()).isEqualTo("navy");
        assertThat(data.at("/colors/1/hex").stringValue()).isEqualTo("#ff7733");
        assertThat(data.at("/colors/1/name").isNull()).isTrue();
        assertThat(team.cuppa().get("/api/v1/brand-kit").json().get("data")).isEqualTo(data);
        // Each team has its own kit.
        assertThat(team("cuppa-brand-other", 10).cuppa().get("/api/v1/brand-kit").json().at("/data/colors")).isEmpty();

        ApiClient.Response bad = team.cuppa().put("/api/v1/brand-kit", Map.of("colors", List.of("#123456", Map.of("hex", "navy"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("success").booleanValue()).isFalse();
        assertThat(bad.json().at("/error/code").stringValue()).isEqualTo("VALIDATION_ERROR");
        assertThat(bad.json().at("/error/message").stringValue()).startsWith("colors[1].hex must be a colour");
        // The failed PUT changed nothing; an empty body clears the kit.
        assertThat(team.cuppa().get("/api/v1/brand-kit").json().get("data")).isEqualTo(data);
        assertThat(team.cuppa().put("/api/v1/brand-kit", Map.of()).json().at("/data/colors")).isEmpty();
        ApiClient.Response unauthorized = cuppa(null).get("/api/v1/brand-kit");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.json().at("/error/code").stringValue()).isEqualTo("UNAUTHORIZED");
    }
}
