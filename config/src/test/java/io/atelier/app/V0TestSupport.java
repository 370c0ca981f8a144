package io.atelier.app;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One shared application for the v0 tests: loopback fetches allowed (reference image URLs are served
 * by a fake on 127.0.0.1), and the document's model name {@code gemini-3-pro-image-preview} as an
 * alias of the offline model, so the document's own examples replay verbatim.
 */
@TestPropertySource(properties = {
        "atelier.fetch.allow-loopback=true",
        "atelier.v0.model-aliases[gemini-3-pro-image-preview]=local/preview",
        "atelier.data-dir=${atelier.test-root}/v0"})
abstract class V0TestSupport extends AppTestSupport {

    /** A small real PNG. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A multipart POST with the client's key. */
    ApiClient.Response postMultipart(ApiClient client, String path, MultipartBody body) {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    }

    /** A new team's API key (for requests that send it as {@code Authorization: Bearer}, as the document does). */
    String newTeamKey(String name, long credits) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", name, "credits", credits));
        if (created.status() != 201) {
            throw new AssertionError("team creation failed: " + created.status() + " " + new String(created.bytes()));
        }
        return created.json().at("/data/apiKey").stringValue();
    }

    /** A request to this application with {@code Authorization: Bearer key}. */
    HttpRequest.Builder bearer(String key, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + key);
    }

    /** Creates a team preset through the native API and returns its id. */
    static String createPreset(ApiClient team, Map<String, Object> definition) {
        ApiClient.Response r = team.post("/api/v1/presets", definition);
        if (r.status() != 201 && r.status() != 200) {
            throw new AssertionError("preset creation failed: " + r.status() + " " + new String(r.bytes()));
        }
        return r.json().at("/data/id").stringValue();
    }

    /** Polls a v0 job until it is completed or failed. */
    static JsonNode awaitV0(ApiClient team, String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = team.get("/v0/images/generations/" + jobId).json().get("data");
            String status = last.get("status").stringValue();
            if (status.equals("completed") || status.equals("failed")) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("v0 job " + jobId + " did not end; last: " + last);
    }
}
