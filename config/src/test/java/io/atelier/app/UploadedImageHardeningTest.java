package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Uploads through the OpenAI edits route pass the core's image gate: a decompression bomb (a PNG
 * header declaring 100000×100000) is refused with 400 in OpenAI's shape before anything decodes it,
 * and an accepted image is stored re-encoded, without the metadata it came with.
 */
class UploadedImageHardeningTest extends AppTestSupport {

    @Test
    void aDecompressionBombIsRefusedInTheOpenAiShape() {
        String key = teamKey("bomb-thrower");
        ApiClient team = admin().withKey(key);
        OpenAiHttp http = new OpenAiHttp(port, key);
        ApiClient.Response r = http.postMultipart("/v1/images/edits", new MultipartBody()
                .file("image", "bomb.png", "image/png", pngHeaderOnly(100_000, 100_000))
                .field("prompt", "explode")
                .field("model", "local/preview"));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(400);
        assertThat(r.json().at("/error/code").stringValue()).isEqualTo("image_too_large");
        assertThat(r.json().at("/error/param").stringValue()).isEqualTo("image");
        assertThat(r.json().at("/error/message").stringValue()).contains("100000x100000");
        assertThat(team.get("/api/v1/generations").json().at("/pagination/total").asLong()).isZero();
    }

    @Test
    void anAcceptedUploadIsStoredWithoutItsMetadata() throws IOException {
        OpenAiHttp http = new OpenAiHttp(port, teamKey("metadata-sender"));
        byte[] withText = withTextChunk(png(64, 64), "Comment", "home address 1 Secret Lane");
        ApiClient.Response r = http.postMultipart("/v1/images/edits", new MultipartBody()
                .file("image", "photo.png", "image/png", withText)
                .field("prompt", "add a hat")
                .field("model", "local/preview"));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        String id = r.header("X-Atelier-Generation-Id");
        // The stored source image (content-addressed under the data dir) is the re-encoded one.
        try (var files = Files.walk(dataDir().resolve("images"))) {
            assertThat(files.filter(Files::isRegularFile).map(UploadedImageHardeningTest::read)
                    .filter(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains("Secret Lane"))).isEmpty();
        }
        assertThat(id).isNotBlank();
    }

    private String teamKey(String name) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", name, "credits", 100));
        assertThat(created.status()).isEqualTo(201);
        return created.json().at("/data/apiKey").stringValue();
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Inserts a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR chunk). */
    private static byte[] withTextChunk(byte[] png, String keyword, String text) {
        byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        byte[] chunk = chunk("tEXt", data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(chunk);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }
}
