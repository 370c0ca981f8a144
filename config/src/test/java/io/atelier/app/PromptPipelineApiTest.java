package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The prompt pipeline through the native API on the default application (no LLM configured, so
 * enhancement is rule-based): templates, presets, inline flags, moderation with cooldowns.
 */
class PromptPipelineApiTest extends AppTestSupport {

    /** A team created for one test: its id, key and a client holding the key. */
    record TestTeam(String id, String key, ApiClient api) {
    }

    private TestTeam team(String name, long credits) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", name, "credits", credits));
        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(201);
        JsonNode data = created.json().get("data");
        String key = data.get("apiKey").stringValue();
        return new TestTeam(data.at("/team/id").stringValue(), key, admin().withKey(key));
    }

    private long credits(String teamId) {
        for (JsonNode t : admin().get("/api/v1/admin/teams").json().get("data")) {
            if (t.get("id").stringValue().equals(teamId)) {
                return t.get("credits").longValue();
            }
        }
        throw new AssertionError("no team " + teamId);
    }

    private static void assertError(ApiClient.Response r, int status, String code, String mentions) {
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(status);
        assertThat(r.json().get("success").booleanValue()).isFalse();
        assertThat(r.json().at("/error/code").stringValue()).isEqualTo(code);
        assertThat(r.json().at("/error/message").stringValue()).contains(mentions);
    }

    private static JsonNode created(ApiClient.Response r) {
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(201);
        return r.json().get("data");
    }

    // Enhancement.

    @Test
    void photorealisticEnhancementStoresAnEnhancedPromptBesideTheOriginal() {
        String original = "a red sports car on a mountain road";
        Map<String, Object> body = Map.of("prompt", original, "autoEnhance", true,
                "enhancementOptions", Map.of("template", "photorealistic"));
        JsonNode data = created(admin().post("/api/v1/generations", body));

        assertThat(data.get("originalPrompt").stringValue()).isEqualTo(original);
        assertThat(data.get("prompt").stringValue()).isNotEqualTo(original)
                .startsWith(original)
                .contains("photorealistic photograph", "natural lighting", "shallow depth of field");
        assertThat(data.get("autoEnhance").booleanValue()).isTrue();
        assertThat(data.get("template").stringValue()).isEqualTo("photorealistic");
        assertThat(data.get("negativePrompt").stringValue()).contains("cartoon");

        JsonNode stored = admin().get("/api/v1/generations/" + data.get("id").stringValue()).json().get("data");
        assertThat(stored.get("prompt").stringValue()).isEqualTo(data.get("prompt").stringValue());
        assertThat(stored.get("originalPrompt").stringValue()).isEqualTo(original);
    }

    @Test
    void autoEnhanceFalseKeepsThePromptAsWritten() {
        JsonNode data = created(admin().post("/api/v1/generations",
                Map.of("prompt", "a cat sitting on a windowsill", "autoEnhance", false)));
        assertThat(data.get("prompt").stringValue()).isEqualTo("a cat sitting on a windowsill");
        assertThat(data.get("originalPrompt").stringValue()).isEqualTo("a cat sitting on a windowsill");
        assertThat(data.get("autoEnhance").booleanValue()).isFalse();
        assertThat(data.get("template").isNull()).isTrue();
        assertThat(data.get("negativePrompt").isNull()).isTrue();
    }

    @Test
    void enhancementIsOnByDefaultWithTheGeneralTemplate() {
        JsonNode data = created(admin().post("/api/v1/generations", Map.of("prompt", "a lighthouse at night")));
        assertThat(data.get("autoEnhance").booleanValue()).isTrue();
        assertThat(data.get("template").stringValue()).isEqualTo("general");
        assertThat(data.get("prompt").stringValue()).startsWith("a lighthouse at night, highly detailed");
        assertThat(data.get("warnings")).isEmpty();
    }

    // Moderation.

    @Test
    void aBlockedPromptCostsNothingCreatesNoJobAndRepeatsStartACooldown() {
        TestTeam team = team("moderated " + System.nanoTime(), 10);
        created(team.api().post("/api/v1/moderation/blocklist", Map.of("entry", "ass")));
        JsonNode gore = created(team.api().post("/api/v1/moderation/blocklist", Map.of("entry", "gor*", "category", "violence")));
        ApiClient.Response list = team.api().get("/api/v1/moderation/blocklist");
        assertThat(list.json().get("data")).hasSize(2);
        assertThat(list.json().get("globalRules").intValue()).isZero();

        // Word boundaries: "class" is not "ass".
        created(team.api().post("/api/v1/generations", Map.of("prompt", "a class photo", "autoEnhance", false),
                Map.of("Prefer", "wait=30")));
        assertThat(credits(team.id())).isEqualTo(9);

        ApiClient.Response blocked = team.api().post("/api/v1/generations", Map.of("prompt", "a gory battle"));
        assertError(blocked, 400, "PROMPT_BLOCKED", "rule team#" + gore.get("id").stringValue() + " (violence)");
        assertThat(blocked.json().at("/error/message").stringValue()).contains("\"gory\"").doesNotContain("ass");
        assertThat(team.api().get("/api/v1/generations").json().at("/pagination/total").longValue()).isEqualTo(1);
        assertThat(credits(team.id())).isEqualTo(9);

        // Inline flags do not hide a blocked word; the second and third blocks of this key start the cooldown.
        assertError(team.api().post("/api/v1/generations", Map.of("prompt", "gore --ar 1:1", "parseInlineParameters", true)),
                400, "PROMPT_BLOCKED", "gore");
        ApiClient.Response third = team.api().post("/api/v1/generations", Map.of("prompt", "more gore"));
        assertError(third, 400, "PROMPT_BLOCKED", "new prompts are refused for 15 min");

        ApiClient.Response cooling = team.api().post("/api/v1/generations", Map.of("prompt", "a harmless meadow"));
        assertError(cooling, 429, "PROMPT_COOLDOWN", "too many blocked prompts");
        assertThat(Long.parseLong(cooling.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(credits(team.id())).isEqualTo(9);
        assertThat(team.api().get("/api/v1/generations").json().at("/pagination/total").longValue()).isEqualTo(1);

        // The cooldown is per key: another key of the team still works, and an admin can end it.
        String otherKey = admin().post("/api/v1/admin/keys", Map.of("teamId", team.id(), "name", "second"))
                .json().at("/data/apiKey").stringValue();
        created(admin().withKey(otherKey).post("/api/v1/generations", Map.of("prompt", "a harmless meadow")));
        assertError(team.api().get("/api/v1/moderation/cooldowns"), 403, "FORBIDDEN", "admin");
        JsonNode cooldowns = admin().get("/api/v1/moderation/cooldowns?teamId=" + team.id()).json().get("data");
        assertThat(cooldowns).hasSize(1);
        String keyId = cooldowns.get(0).get("principal").stringValue();
        assertError(team.api().delete("/api/v1/moderation/cooldowns/" + keyId + "?teamId=" + team.id()), 403, "FORBIDDEN", "admin");
        assertThat(admin().delete("/api/v1/moderation/cooldowns/" + keyId + "?teamId=" + team.id()).status()).isEqualTo(200);
        created(team.api().post("/api/v1/generations", Map.of("prompt", "a harmless meadow")));
    }

    @Test
    void teamBlocklistRoutesValidateAndStayInTheirTeam() {
        TestTeam a = team("blocklist a " + System.nanoTime(), 5);
        TestTeam b = team("blocklist b " + System.nanoTime(), 5);
        JsonNode entry = created(a.api().post("/api/v1/moderation/blocklist", Map.of("entry", "dragon")));
        assertError(a.api().post("/api/v1/moderation/blocklist", Map.of("entry", "dragon")), 409, "BLOCKLIST_ENTRY_EXISTS", "dragon");
        assertError(a.api().post("/api/v1/moderation/blocklist", Map.of("entry", "re:(")), 400, "VALIDATION_ERROR", "entry");
        assertError(a.api().post("/api/v1/moderation/blocklist", Map.of("category", "x")), 400, "VALIDATION_ERROR", "entry");
        assertThat(b.api().get("/api/v1/moderation/blocklist").json().get("data")).isEmpty();
        created(b.api().post("/api/v1/generations", Map.of("prompt", "a dragon")));
        assertError(b.api().delete("/api/v1/moderation/blocklist/" + entry.get("id").stringValue()), 404,
                "BLOCKLIST_ENTRY_NOT_FOUND", "not found");
        assertError(b.api().get("/api/v1/moderation/blocklist?teamId=" + a.id()), 403, "FORBIDDEN", "admin");
        assertThat(admin().get("/api/v1/moderation/blocklist?teamId=" + a.id()).json().get("data")).hasSize(1);
        assertThat(a.api().delete("/api/v1/moderation/blocklist/" + entry.get("id").stringValue()).status()).isEqualTo(200);
        created(a.api().post("/api/v1/generations", Map.of("prompt", "a dragon")));
    }

    // Templates.

    @Test
    void templatesListCreateUseReplaceDelete() {
        TestTeam team = team("templates " + System.nanoTime(), 50);
        JsonNode builtIns = team.api().get("/api/v1/templates").json().get("data");
        assertThat(builtIns).hasSize(7);
        assertThat(builtIns.get(0).get("name").stringValue()).isEqualTo("general");
        assertThat(builtIns.get(1).get("cues").get(0).stringValue()).isEqualTo("photorealistic photograph");
        assertThat(builtIns.get(1).get("builtIn").booleanValue()).isTrue();

        JsonNode neon = created(team.api().post("/api/v1/templates", Map.of("name", "Neon", "description", "Neon noir",
                "styleGuidance", "Glowing neon signs in rain", "cues", List.of("neon glow", "rain-slick streets"))));
        assertThat(neon.get("name").stringValue()).isEqualTo("neon");
        assertThat(team.api().get("/api/v1/templates").json().get("data")).hasSize(8);
        assertThat(team.api().get("/api/v1/templates/neon").json().at("/data/builtIn").booleanValue()).isFalse();
        assertThat(admin().get("/api/v1/templates").json().get("data")).hasSize(7);

        JsonNode g = created(team.api().post("/api/v1/generations", Map.of("prompt", "a diner at night",
                "enhancementOptions", Map.of("template", "NEON"))));
        assertThat(g.get("prompt").stringValue()).isEqualTo("a diner at night, neon glow, rain-slick streets");
        assertThat(g.get("template").stringValue()).isEqualTo("neon");

        ApiClient.Response replaced = send("PUT", team.key(), "/api/v1/templates/neon", Map.of("description", "Neon",
                "styleGuidance", "Neon", "cues", List.of("pink neon")));
        assertThat(replaced.status()).as(new String(replaced.bytes())).isEqualTo(200);
        assertThat(replaced.json().at("/data/cues/0").stringValue()).isEqualTo("pink neon");
        assertError(send("PUT", team.key(), "/api/v1/templates/comic", Map.of("description", "x", "styleGuidance", "x",
                "cues", List.of("x"))), 409, "TEMPLATE_READ_ONLY", "comic");
        assertError(team.api().post("/api/v1/templates", Map.of("name", "neon", "description", "d", "styleGuidance", "g",
                "cues", List.of("c"))), 409, "TEMPLATE_EXISTS", "neon");
        assertError(team.api().post("/api/v1/templates", Map.of("name", "x", "description", "d", "styleGuidance", "g",
                "cues", List.of(1))), 400, "VALIDATION_ERROR", "cues[0]");
        assertError(team.api().post("/api/v1/templates", Map.of("name", "x", "description", "d", "styleGuidance", "g")),
                400, "VALIDATION_ERROR", "cues");

        assertThat(team.api().delete("/api/v1/templates/neon").status()).isEqualTo(200);
        assertError(team.api().get("/api/v1/templates/neon"), 404, "TEMPLATE_NOT_FOUND", "neon");
        assertError(team.api().post("/api/v1/generations", Map.of("prompt", "x", "enhancementOptions", Map.of("template", "neon"))),
                400, "VALIDATION_ERROR", "unknown template 'neon'");
    }

    // Presets.

    @Test
    void presetsWithEveryRequirementTypeRenderIntoGenerations() {
        TestTeam team = team("presets " + System.nanoTime(), 100);
        assertThat(team.api().get("/api/v1/presets").json().get("data")).extracting(p -> p.get("id").stringValue())
                .containsExactly("product-shot", "blog-featured-image", "avatar", "sticker");

        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", "Shoe ad");
        definition.put("prompt", "Ad for {{shoe}} in {{colour}}, {{pairs}} pairs, styled like {{styles}}");
        definition.put("requirements", List.of(
                Map.of("key", "shoe", "type", "text", "required", true, "label", "Shoe"),
                Map.of("key", "colour", "type", "enum", "options", List.of("red", "blue"), "default", "red"),
                Map.of("key", "pairs", "type", "number", "min", 1, "max", 4, "default", 1),
                Map.of("key", "styles", "type", "file", "multiple", true, "maxFiles", 2),
                Map.of("key", "photo", "type", "file", "role", "source")));
        definition.put("aspectRatio", "16:9");
        definition.put("template", "product");
        JsonNode preset = created(team.api().post("/api/v1/presets", definition));
        String id = preset.get("id").stringValue();
        assertThat(preset.at("/requirements/3/maxFiles").intValue()).isEqualTo(2);
        assertThat(preset.at("/requirements/3/role").stringValue()).isEqualTo("reference");

        JsonNode render = team.api().post("/api/v1/presets/" + id + "/render",
                Map.of("variables", Map.of("shoe", "Air Zoom", "pairs", "2"))).json().get("data");
        assertThat(render.get("prompt").stringValue()).isEqualTo("Ad for Air Zoom in red, 2 pairs, styled like");

        JsonNode g = created(team.api().post("/api/v1/generations", Map.of("presetId", id,
                "variables", Map.of("shoe", "Air Zoom", "colour", "BLUE"), "autoEnhance", false)));
        assertThat(g.get("originalPrompt").stringValue()).isEqualTo("Ad for Air Zoom in blue, 1 pairs, styled like");
        assertThat(g.get("prompt").stringValue()).isEqualTo(g.get("originalPrompt").stringValue());
        assertThat(g.get("aspectRatio").stringValue()).isEqualTo("16:9");

        String png = Base64.getEncoder().encodeToString(png());
        JsonNode withFiles = created(team.api().post("/api/v1/generations", Map.of("presetId", id, "prompt", "on a track",
                "variables", Map.of("shoe", "Air Zoom"),
                "files", Map.of("photo", Map.of("mimeType", "image/png", "data", png),
                        "styles", List.of(Map.of("data", "data:image/png;base64," + png))),
                "enhancementOptions", Map.of("template", "general")), Map.of("Prefer", "wait=30")));
        assertThat(withFiles.get("originalPrompt").stringValue())
                .isEqualTo("Ad for Air Zoom in red, 1 pairs, styled like reference image 1, on a track");
        assertThat(withFiles.get("status").stringValue()).isEqualTo("success");
        // The preset's reference file goes to the model with the source image (local/preview takes both).
        assertThat(withFiles.get("warnings").toString()).doesNotContain("were not used");
        JsonNode asGiven = withFiles.get("prompt");
        assertThat(asGiven.stringValue()).contains("highly detailed");

        assertError(team.api().post("/api/v1/generations", Map.of("presetId", id)), 400, "VALIDATION_ERROR",
                "variable 'shoe' (Shoe) is required");
        assertError(team.api().post("/api/v1/generations", Map.of("presetId", id, "variables", Map.of("shoe", "x", "size", 44))),
                400, "VALIDATION_ERROR", "unknown variable 'size'");
        assertError(team.api().post("/api/v1/generations", Map.of("presetId", id, "variables", Map.of("shoe", "x", "colour", "green"))),
                400, "VALIDATION_ERROR", "variables.colour must be one of: red, blue");
        assertError(team.api().post("/api/v1/generations", Map.of("presetId", id, "variables", Map.of("shoe", "x"),
                "files", Map.of("photo", Map.of("mimeType", "image/png", "data", "%%%")))), 400, "VALIDATION_ERROR", "files.photo.data");
        assertError(team.api().post("/api/v1/generations", Map.of("presetId", "nope")), 400, "PRESET_NOT_FOUND", "nope");
        assertError(team.api().post("/api/v1/generations", Map.of("prompt", "x", "variables", Map.of("a", "b"))), 400,
                "VALIDATION_ERROR", "presetId");
        assertError(admin().get("/api/v1/presets/" + id), 404, "PRESET_NOT_FOUND", id);
        assertError(team.api().post("/api/v1/presets", Map.of("name", "bad", "prompt", "{{ghost}}")), 400, "VALIDATION_ERROR",
                "{{ghost}}");
        assertError(team.api().post("/api/v1/presets", Map.of("name", "bad", "prompt", "x",
                "requirements", List.of(Map.of("key", "a", "type", "colour")))), 400, "VALIDATION_ERROR", "requirements[0].type");
        assertError(team.api().delete("/api/v1/presets/avatar"), 409, "PRESET_READ_ONLY", "avatar");

        JsonNode builtIn = created(team.api().post("/api/v1/generations", Map.of("presetId", "blog-featured-image",
                "variables", Map.of("topic", "remote work"))));
        assertThat(builtIn.get("aspectRatio").stringValue()).isEqualTo("16:9");
        assertThat(builtIn.get("negativePrompt").stringValue()).isEqualTo("text, letters, watermark, logo");

        assertThat(team.api().delete("/api/v1/presets/" + id).status()).isEqualTo(200);
        assertError(team.api().get("/api/v1/presets/" + id), 404, "PRESET_NOT_FOUND", id);
    }

    // Inline parameters.

    @Test
    void inlineFlagsWhenAsked() {
        JsonNode g = created(admin().post("/api/v1/generations", Map.of("prompt", "a lighthouse --ar 16:9 --seed 7 --n 2 --raw",
                "parseInlineParameters", true)));
        assertThat(g.get("originalPrompt").stringValue()).isEqualTo("a lighthouse");
        assertThat(g.get("prompt").stringValue()).isEqualTo("a lighthouse");
        assertThat(g.get("aspectRatio").stringValue()).isEqualTo("16:9");
        assertThat(g.get("seed").longValue()).isEqualTo(7);
        assertThat(g.get("count").intValue()).isEqualTo(2);
        assertThat(g.get("autoEnhance").booleanValue()).isFalse();

        JsonNode both = created(admin().post("/api/v1/generations", Map.of("prompt", "a lighthouse --ar 16:9 --style comic",
                "parseInlineParameters", true, "aspectRatio", "1:1")));
        assertThat(both.get("aspectRatio").stringValue()).isEqualTo("1:1");
        assertThat(both.get("template").stringValue()).isEqualTo("comic");
        assertThat(both.get("warnings").get(0).stringValue())
                .isEqualTo("--ar 16:9 was ignored: aspectRatio was also given as an option (1:1), and the option wins");

        assertError(admin().post("/api/v1/generations", Map.of("prompt", "a fox --zoom 2", "parseInlineParameters", true)),
                400, "VALIDATION_ERROR", "unknown flag --zoom");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "a fox --seed x", "parseInlineParameters", true)),
                400, "VALIDATION_ERROR", "--seed must be a whole number");
        JsonNode literal = created(admin().post("/api/v1/generations", Map.of("prompt", "a fox --zoom 2", "autoEnhance", false)));
        assertThat(literal.get("prompt").stringValue()).isEqualTo("a fox --zoom 2");
    }

    private ApiClient.Response send(String method, String key, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-API-Key", key)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new ApiClient.Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
