package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code refImageBase64} and {@code refImageUrls}: decoded or fetched (through the SSRF-safe fetcher,
 * from a loopback fake), typed by their bytes, at most five of each, and sent to the model as its
 * reference images (the one image path of every surface); every problem a 400 naming the element.
 * Private addresses are refused by the fetcher's address policy before any connection.
 */
class V0ReferenceImagesTest extends V0TestSupport {

    private static final byte[] PNG = png(16, 16);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static LoopbackImageServer images;

    @BeforeAll
    static void start() {
        images = new LoopbackImageServer(PNG);
    }

    @AfterAll
    static void stop() {
        images.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void referenceImagesAreReadCheckedAndReachTheModel() {
        ApiClient team = newTeam("v0-refs", 50);
        String b64 = Base64.getEncoder().encodeToString(PNG);
        ApiClient.Response r = team.post("/v0/images/generations", Map.of("prompt", "a shoe like these",
                "refImageBase64", List.of(Map.of("mimeType", "image/png", "data", b64),
                        Map.of("data", "data:image/png;base64," + b64)),
                "refImageUrls", List.of(images.url("/image.png"), images.url("/to-image.png"))));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        assertThat(r.json().at("/data/status").stringValue()).isEqualTo("completed");
        assertThat(r.json().at("/data/warnings").toString()).doesNotContain("were not used");
        String inputs = jdbc.sql("SELECT image_inputs FROM generations WHERE id = ?").param(r.json().at("/data/id").stringValue())
                .query(String.class).single();
        assertThat(JSON.readTree(inputs).get("references")).hasSize(4)
                .allSatisfy(ref -> assertThat(ref.get("mimeType").stringValue()).isEqualTo("image/png"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void badReferenceImagesAreA400NamingTheElement() {
        ApiClient team = newTeam("v0-refs-bad", 50);
        String b64 = Base64.getEncoder().encodeToString(PNG);
        String jpegDeclaredPng = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1});
        Map<Object, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("refImageBase64", "x"), "refImageBase64");
        cases.put(Map.of("refImageBase64", List.of("x")), "refImageBase64[0]");
        cases.put(Map.of("refImageBase64", List.of(Map.of("mimeType", "image/png"))), "refImageBase64[0].data");
        cases.put(Map.of("refImageBase64", List.of(Map.of("data", "%%%not base64%%%"))), "refImageBase64[0].data");
        cases.put(Map.of("refImageBase64", List.of(Map.of("data", Base64.getEncoder().encodeToString("hello".getBytes())))),
                "refImageBase64[0].data");
        cases.put(Map.of("refImageBase64", List.of(Map.of("data", b64), Map.of("mimeType", "image/png", "data", jpegDeclaredPng))),
                "refImageBase64[1].mimeType");
        cases.put(Map.of("refImageBase64", List.of(Map.of("data", b64, "mimeType", 7))), "refImageBase64[0].mimeType");
        cases.put(Map.of("refImageBase64", Collections.nCopies(6, Map.of("data", b64))), "refImageBase64");
        cases.put(Map.of("refImageUrls", images.url("/image.png")), "refImageUrls");
        cases.put(Map.of("refImageUrls", Collections.nCopies(6, images.url("/image.png"))), "refImageUrls");
        cases.put(Map.of("refImageUrls", List.of(3)), "refImageUrls[0]");
        cases.put(Map.of("refImageUrls", List.of("not a url")), "refImageUrls[0]");
        cases.put(Map.of("refImageUrls", List.of("ftp://127.0.0.1/x.png")), "refImageUrls[0]");
        cases.put(Map.of("refImageUrls", List.of(images.url("/image.png"), images.url("/page.html"))), "refImageUrls[1]");
        cases.put(Map.of("refImageUrls", List.of(images.url("/liar.png"))), "refImageUrls[0]");
        cases.put(Map.of("refImageUrls", List.of(images.url("/missing.png"))), "refImageUrls[0]");
        cases.put(Map.of("refImageUrls", List.of("http://" + "x".repeat(3000) + ".example/a.png")), "refImageUrls[0]");
        for (Map.Entry<Object, String> c : cases.entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("prompt", "a shoe");
            body.putAll((Map<String, Object>) c.getKey());
            ApiClient.Response r = team.post("/v0/images/generations", body);
            assertThat(r.status()).as(c.getValue() + ": " + new String(r.bytes())).isEqualTo(400);
            assertThat(r.json().get("error").stringValue()).as(c.getKey().toString()).contains(c.getValue());
        }
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(50);
    }

    @Test
    void privateAndMetadataAddressesAreRefusedByPolicyWithoutConnecting() {
        ApiClient team = newTeam("v0-refs-ssrf", 50);
        int before = images.requests();
        for (String url : List.of("http://10.0.0.1/a.png", "http://169.254.169.254/latest/meta-data/", "http://192.168.1.1/a.png",
                "http://100.64.0.1/a.png", "http://[fd00::1]/a.png", "http://0.0.0.0/a.png")) {
            ApiClient.Response r = team.post("/v0/images/generations", Map.of("prompt", "x", "refImageUrls", List.of(url)));
            assertThat(r.status()).as(url + ": " + new String(r.bytes())).isEqualTo(400);
            JsonNode json = r.json();
            assertThat(json.get("error").stringValue()).as(url).contains("refImageUrls[0]").contains("not allowed");
        }
        // A public-looking first hop that redirects to a private address: the redirect is vetted too.
        ApiClient.Response redirected = team.post("/v0/images/generations",
                Map.of("prompt", "x", "refImageUrls", List.of(images.url("/to-private.png"))));
        assertThat(redirected.status()).isEqualTo(400);
        assertThat(redirected.json().get("error").stringValue()).contains("refImageUrls[0]").contains("not allowed");
        assertThat(images.requests()).isEqualTo(before + 1);
    }
}
