package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI dialect on the default application (no aliases, no provider): the seed document's model
 * names are routed to {@code local/preview} (ModelRouter) and the answer says so; other unknown names
 * are OpenAI's 404; a request without a model uses the catalog default; the model list has exactly
 * the catalog.
 */
class OpenAiDefaultCatalogTest extends AppTestSupport {

    private OpenAiHttp api() {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", "plain-" + UUID.randomUUID(), "credits", 100));
        return new OpenAiHttp(port, created.json().at("/data/apiKey").stringValue());
    }

    @Test
    void seedNamesAreRoutedToThePreviewAndOthersAreUnknown() {
        OpenAiHttp api = api();
        for (String name : new String[] {"gpt-image-1", "dall-e-2", "dall-e-3", "gpt-image-1-all", "flux-kontext-pro"}) {
            ApiClient.Response routed = api.postJson("/v1/images/generations", "{\"model\":\"" + name + "\",\"prompt\":\"A cute baby sea otter\"}");
            assertThat(routed.status()).as(name).isEqualTo(200);
            assertThat(routed.header("X-Atelier-Model")).as(name).isEqualTo("local/preview");
        }
        ApiClient.Response r = api.postJson("/v1/images/generations", "{\"model\":\"gpt-image-9\",\"prompt\":\"A cute baby sea otter\"}");
        assertThat(r.status()).isEqualTo(404);
        JsonNode error = r.json().get("error");
        assertThat(error.get("message").stringValue()).isEqualTo("The model 'gpt-image-9' does not exist");
        assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").stringValue()).isEqualTo("model");
        assertThat(error.get("code").stringValue()).isEqualTo("model_not_found");
    }

    @Test
    void withoutAModelTheCatalogDefaultGenerates() {
        OpenAiHttp api = api();
        ApiClient.Response r = api.postJson("/v1/images/generations", "{\"prompt\":\"a quiet harbour\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/data/0/url").stringValue()).contains("/files/");
        assertThat(r.json().at("/data/0/b64_json").isMissingNode()).isTrue();

        JsonNode models = api.get("/v1/models").json();
        assertThat(models.get("data").size()).isEqualTo(1);
        assertThat(models.at("/data/0/id").stringValue()).isEqualTo("local/preview");
    }
}
