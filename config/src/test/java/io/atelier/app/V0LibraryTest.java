package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The v0 image library: pagination, the presetId filter, search over prompts and preset names, download. */
class V0LibraryTest extends V0TestSupport {

    @Test
    void listsPagesFiltersAndSearches() {
        ApiClient team = newTeam("v0-library", 100);
        String shoes = createPreset(team, Map.of("name", "Marathon Shoes", "prompt", "a running shoe, {{prompt}}"));
        JsonNode a = team.post("/v0/images/generations", Map.of("prompt", "a lighthouse at dusk", "sampleCount", 2))
                .json().get("data");
        JsonNode b = team.post("/v0/images/generations", Map.of("presetId", shoes, "prompt", "in the rain",
                "isPublic", true)).json().get("data");
        JsonNode c = team.post("/v0/images/generations", Map.of("presetId", "blog-featured-image",
                "variables", Map.of("topic", "100% remote_work"))).json().get("data");
        assertThat(List.of(a, b, c)).allSatisfy(d -> assertThat(d.get("status").stringValue()).isEqualTo("completed"));

        JsonNode all = team.get("/v0/images/library").json().get("data");
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(all.get("page").asInt()).isEqualTo(1);
        assertThat(all.get("limit").asInt()).isEqualTo(20);
        assertThat(all.get("images")).hasSize(4);
        JsonNode newest = all.at("/images/0");
        assertThat(newest.get("presetId").stringValue()).isEqualTo("blog-featured-image");
        assertThat(newest.get("modelVersion").stringValue()).isEqualTo("local/preview");
        assertThat(newest.get("createdAt").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode p = team.get("/v0/images/library?limit=3&page=" + page).json().get("data");
            assertThat(p.get("total").asLong()).isEqualTo(4);
            p.get("images").forEach(i -> seen.add(i.get("id").stringValue()));
        }
        assertThat(seen).hasSize(4).doesNotHaveDuplicates();

        JsonNode byPreset = team.get("/v0/images/library?presetId=" + shoes).json().get("data");
        assertThat(byPreset.get("total").asLong()).isEqualTo(1);
        JsonNode shoe = byPreset.at("/images/0");
        assertThat(shoe.get("id").stringValue()).isEqualTo(b.at("/data/0/id").stringValue());
        assertThat(shoe.get("userPrompt").stringValue()).isEqualTo("in the rain");
        assertThat(shoe.get("isPublic").booleanValue()).isTrue();

        assertThat(team.get("/v0/images/library?search=LIGHTHOUSE").json().at("/data/total").asLong()).isEqualTo(2);
        assertThat(team.get("/v0/images/library?search=marathon").json().at("/data/total").asLong()).isEqualTo(1);
        // LIKE wildcards in the search are literal text.
        assertThat(team.get("/v0/images/library?search=100%25%20remote_work").json().at("/data/total").asLong()).isEqualTo(1);
        assertThat(team.get("/v0/images/library?search=e_a").json().at("/data/total").asLong()).isZero();
        assertThat(team.get("/v0/images/library?search=%25").json().at("/data/total").asLong()).isEqualTo(1);
        assertThat(team.get("/v0/images/library?presetId=unknown-preset").json().at("/data/total").asLong()).isZero();

        // Another team sees none of it.
        ApiClient other = newTeam("v0-library-other", 10);
        assertThat(other.get("/v0/images/library").json().at("/data/total").asLong()).isZero();
    }

    @Test
    void oneImageAndItsDownload() {
        ApiClient team = newTeam("v0-library-one", 20);
        JsonNode g = team.post("/v0/images/generations", Map.of("presetId", "blog-featured-image",
                "variables", Map.of("topic", "remote work"))).json().get("data");
        String imageId = g.at("/data/0/id").stringValue();

        JsonNode detail = team.get("/v0/images/library/" + imageId).json().get("data");
        assertThat(detail.get("id").stringValue()).isEqualTo(imageId);
        assertThat(detail.get("presetId").stringValue()).isEqualTo("blog-featured-image");
        assertThat(detail.get("prompt").stringValue()).contains("remote work");
        assertThat(detail.get("userPrompt").isNull()).isTrue();
        assertThat(detail.get("variables").get("topic").stringValue()).isEqualTo("remote work");
        assertThat(detail.has("sourceType")).isTrue();
        assertThat(detail.get("url").stringValue()).isEqualTo(g.at("/data/0/url").stringValue());
        assertThat(detail.get("width").asInt()).isEqualTo(g.at("/data/0/width").asInt());

        ApiClient.Response download = team.get("/v0/images/library/" + imageId + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + imageId + ".png\"");
        assertThat(Long.parseLong(download.header("Content-Length"))).isEqualTo(download.bytes().length);
        assertThat(download.bytes()).isEqualTo(anonymous().getAbsolute(detail.get("url").stringValue(), Map.of()).bytes());

        ApiClient other = newTeam("v0-library-thief", 10);
        for (String path : List.of("/v0/images/library/" + imageId, "/v0/images/library/" + imageId + "/download",
                "/v0/images/generations/" + g.get("id").stringValue())) {
            ApiClient.Response r = other.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().get("error").isString()).isTrue();
        }
    }
}
