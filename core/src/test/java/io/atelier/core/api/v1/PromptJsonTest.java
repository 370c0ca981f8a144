package io.atelier.core.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.api.JsonFieldException;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PromptJsonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void variablesKeepTheirTypes() {
        Map<String, Object> v = PromptJson.variables(json("{\"variables\": {\"a\": \"x\", \"n\": 2.50, \"b\": true, \"z\": null}}"),
                "variables").orElseThrow();
        assertThat(v).containsEntry("a", "x").containsEntry("n", new BigDecimal("2.5")).containsEntry("b", true)
                .doesNotContainKey("z");
        assertThatThrownBy(() -> PromptJson.variables(json("{\"variables\": {\"a\": [1]}}"), "variables"))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo("variables.a"));
        assertThatThrownBy(() -> PromptJson.variables(json("{\"variables\": 3}"), "variables"))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo("variables"));
    }

    @Test
    void filesAsObjectsArraysAndDataUrls() {
        Map<String, List<SourceImage>> files = PromptJson.files(json("""
                {"files": {"photo": {"mimeType": "image/png", "data": "iVBO\\nRw=="},
                           "refs": [{"data": "data:image/jpeg;base64,/9j/"}, {"mimeType": "image/webp", "data": "UklG-_8="}]}}"""),
                "files").orElseThrow();
        assertThat(files.get("photo")).singleElement().satisfies(f -> {
            assertThat(f.mimeType()).isEqualTo("image/png");
            assertThat(f.bytes()).hasSize(4);
        });
        assertThat(files.get("refs")).extracting(SourceImage::mimeType).containsExactly("image/jpeg", "image/webp");
    }

    @Test
    void badFilesNameTheField() {
        assertField("{\"files\": {\"p\": {\"data\": \"%%%\", \"mimeType\": \"image/png\"}}}", "files.p.data");
        assertField("{\"files\": {\"p\": {\"data\": \"iVBO\"}}}", "files.p.mimeType");
        assertField("{\"files\": {\"p\": [{\"mimeType\": \"image/png\"}]}}", "files.p[0].data");
        assertField("{\"files\": {\"p\": \"iVBO\"}}", "files.p");
        assertField("{\"files\": {\"p\": {\"data\": \"data:image/png,abc\"}}}", "files.p.data");
        assertField("{\"files\": []}", "files");
    }

    @Test
    void theAuditCopyHoldsNoFileContents() {
        Map<String, Object> request = Map.of("prompt", "x", "files", Map.of(
                "photo", Map.of("mimeType", "image/png", "data", "iVBORw0KGgo="),
                "refs", List.of(Map.of("data", "abcd"))));
        Map<String, Object> stored = PromptJson.withoutFileData(request);
        assertThat(stored.toString()).doesNotContain("iVBORw0KGgo").doesNotContain("abcd");
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) stored.get("files");
        assertThat(files.get("photo")).isEqualTo(Map.of("mimeType", "image/png", "base64Length", 12));
        assertThat((List<?>) files.get("refs")).singleElement().satisfies(ref -> {
            assertThat(((Map<?, ?>) ref).get("base64Length")).isEqualTo(4);
            assertThat(((Map<?, ?>) ref).get("mimeType")).isNull();
        });
        assertThat(stored.get("prompt")).isEqualTo("x");
        assertThat(PromptJson.withoutFileData(Map.of("prompt", "x"))).isEqualTo(Map.of("prompt", "x"));
    }

    private static void assertField(String body, String field) {
        assertThatThrownBy(() -> PromptJson.files(json(body), "files"))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
