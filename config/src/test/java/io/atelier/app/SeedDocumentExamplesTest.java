package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A client written against a seed document works on a fresh install: each document's own examples
 * (read from copies of the documents under {@code src/test/resources/seeds}) are sent as they stand
 * to an instance with no provider configured, and every one succeeds, rendered by {@code local/preview}
 * through the model routing table, with the model named in {@code X-Atelier-Model}.
 *
 * <p>Only the documents' placeholders are filled in: the API key, the host, the uploaded file's bytes,
 * v0's {@code "presetId": "<optional>"} (not a value) and Recoup's query values (its document gives a
 * schema, not an example). Cuppa's document has schemas only: every model it names is sent with every
 * setting it allows that model. The Banatie document is empty in the seed set.
 */
@TestPropertySource(properties = {
        "atelier.recoup.anonymous-team=recoup-public",
        "atelier.data-dir=${atelier.test-root}/seed-examples"
})
class SeedDocumentExamplesTest extends AppTestSupport {

    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    static String seed(String name) {
        try (InputStream in = SeedDocumentExamplesTest.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> blocks(String document, String language) {
        List<String> out = new ArrayList<>();
        Matcher m = FENCE.matcher(document);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    private void assertRendered(ApiClient.Response r, String what) {
        assertThat(r.status()).as(what + ": " + new String(r.bytes(), StandardCharsets.UTF_8)).isBetween(200, 202);
        assertThat(r.header("X-Atelier-Model")).as(what).isEqualTo("local/preview");
    }

    @Test
    void apertisCurlAndSdkExamples() {
        String key = newTeam("seed-apertis", 1000).apiKey();
        String doc = seed("apertis-openai-images-api.md");
        int sent = 0;
        for (String curl : blocks(doc, "bash")) {
            String path = find(curl, "https://api\\.apertis\\.ai(/v1/images/\\w+)");
            HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + key);
            Matcher data = Pattern.compile("-d '(.*?)'", Pattern.DOTALL).matcher(curl);
            if (data.find()) {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(data.group(1)));
            } else {
                MultipartBody form = new MultipartBody();
                Matcher field = Pattern.compile("-F \"(\\w+)=(@?)([^\"]*)\"").matcher(curl);
                while (field.find()) {
                    if (field.group(2).isEmpty()) {
                        form.field(field.group(1), field.group(3));
                    } else {
                        form.file(field.group(1), field.group(3), "image/png", TestImages.png(64, 64, 0x3366cc));
                    }
                }
                request.header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
            }
            assertRendered(anonymous().send(request), "curl " + path);
            sent++;
        }
        // The Python examples: the keyword arguments of client.images.generate / edit, as the SDK sends them.
        Pattern call = Pattern.compile("client\\.images\\.(generate|edit)\\((.*?)\\n\\)", Pattern.DOTALL);
        for (String python : blocks(doc, "python")) {
            Matcher m = call.matcher(python);
            while (m.find()) {
                Map<String, String> args = pythonArguments(m.group(2));
                ApiClient.Response r;
                if (m.group(1).equals("generate")) {
                    Map<String, Object> body = new LinkedHashMap<>(args);
                    if (args.containsKey("n")) {
                        body.put("n", Integer.parseInt(args.get("n")));
                    }
                    r = anonymous().withKey(key).post("/v1/images/generations", body);
                } else {
                    MultipartBody form = new MultipartBody();
                    args.forEach((name, value) -> {
                        if (value.startsWith("open(")) {
                            form.file(name, find(value, "open\\(\"([^\"]+)\""), "image/png",
                                    name.equals("mask") ? mask() : TestImages.png(64, 64, 0x3366cc));
                        } else {
                            form.field(name, value);
                        }
                    });
                    r = anonymous().withKey(key).send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/images/edits"))
                            .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
                }
                assertRendered(r, "python " + m.group(1) + " " + args);
                sent++;
            }
        }
        assertThat(sent).as("examples found in the Apertis document").isGreaterThanOrEqualTo(6);
    }

    @Test
    void cuppaModelsAndSettingsOfItsSchema() {
        ApiClient cuppa = newTeam("seed-cuppa", 1000);
        String doc = seed("cuppa-images-api.md");
        assertThat(doc).contains("replicate:nano-banana-pro").contains("\"default\":\"gpt-image-1\"");
        List<Map<String, Object>> requests = List.of(
                Map.of("model", "gpt-image-1", "prompt", "A lighthouse at dusk", "settings", Map.of("size", "1536x1024")),
                Map.of("model", "gpt-image-1", "prompt", "A lighthouse at dusk"),
                Map.of("model", "replicate:nano-banana-pro", "prompt", "A lighthouse at dusk",
                        "settings", Map.of("aspect_ratio", "16:9", "resolution", "2K")),
                Map.of("model", "replicate:nano-banana-pro", "prompt", "A lighthouse at dusk"));
        for (Map<String, Object> body : requests) {
            ApiClient.Response r = cuppa.post("/v1/images", body, Map.of("X-API-KEY", cuppa.apiKey()));
            assertRendered(r, "cuppa " + body);
            assertThat(r.json().get("url").stringValue()).contains("/files/");
        }
        ApiClient.Response list = cuppa.get("/v1/images?limit=50");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(requests.size());
    }

    @Test
    void v0BodyExample() {
        ApiClient v0 = newTeam("seed-v0", 1000);
        String body = blocks(seed("v0-images-presets-api.md"), "json").getFirst()
                .replace("  \"presetId\": \"<optional>\",\n", "");
        assertThat(body).contains("\"modelVersion\": \"gemini-3-pro-image-preview\"");
        ApiClient.Response r = v0.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v0/images/generations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertRendered(r, "v0 body example");
        assertThat(r.json().at("/data/model").stringValue()).isEqualTo("local/preview");
        ApiClient.Response async = v0.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/v0/images/generations?async=true"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertRendered(async, "v0 async");
    }

    @Test
    void recoupWithoutAKeyChargesTheAnonymousTeam() {
        assertThat(seed("recoup-image-generate-api.md")).contains("security: []").contains("/api/image/generate");
        String path = "/api/image/generate?prompt=" + URLEncoder.encode("A guitar made of glass, studio light", StandardCharsets.UTF_8)
                + "&account_id=" + UUID.randomUUID();
        ApiClient.Response r = anonymous().get(path);
        assertRendered(r, "recoup");
        JsonNode body = r.json();
        assertThat(body.at("/images/0/base64").stringValue()).isNotEmpty();
        assertThat(body.at("/responses/0/modelId").stringValue()).isEqualTo("local/preview");
        assertThat(admin().get("/api/v1/admin/teams").json().get("data").toString()).contains("recoup-public");
        assertThat(anonymous().get("/api/image/generate?prompt=x").status()).isEqualTo(400);
    }

    /** A mask as OpenAI wants one: its transparent pixels (here the right half) mark the area to edit. */
    private static byte[] mask() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, x < 32 ? 0xFF000000 : 0x00000000);
            }
        }
        return TestImages.encode(image);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    /** {@code name="value"} and {@code name=1} lines of a Python call, in order. */
    private static Map<String, String> pythonArguments(String arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|open\\([^)]*\\)|\\d+)").matcher(arguments);
        while (m.find()) {
            String value = m.group(2);
            out.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        return out;
    }
}
