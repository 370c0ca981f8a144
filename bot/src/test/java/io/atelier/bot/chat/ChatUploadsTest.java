package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.atelier.core.fetch.FetchProperties;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Attachments through the upload checks: what the platform declares refuses early (no download),
 * the bytes decide the rest (type from magic numbers, pixels from the header); the platform's
 * credentials go with the download.
 */
class ChatUploadsTest {

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private ChatUploads uploads;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            downloads.add(name);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = files.getOrDefault(name, new byte[0]);
            exchange.getResponseHeaders().add("Content-Type", name.endsWith(".txt") ? "text/plain" : "image/png");
            exchange.sendResponseHeaders(files.containsKey(name) ? 200 : 404, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        uploads = new ChatUploads(new SafeHttpFetcher(FetchProperties.defaults().withAllowLoopback(true)),
                new ChatImageProperties(DataSize.ofKilobytes(512), 1_000_000L, null, null));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ChatImageRef ref(String name, String type, long bytes, int width, int height) {
        return new ChatImageRef("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name, name, type, bytes, width,
                height, Map.of("Authorization", "Bearer platform-token"));
    }

    @Test
    void anImageIsFetchedWithTheCredentialsAndTypedByItsBytes() throws IOException {
        files.put("photo.jpg", png(40, 30));

        SourceImage image = uploads.fetch(ref("photo.jpg", "image/jpeg", 0, 40, 30), "image");

        assertThat(image.mimeType()).as("the bytes decide, not the name or declared type").isEqualTo("image/png");
        assertThat(image.bytes()).isEqualTo(files.get("photo.jpg"));
        assertThat(authorizations).containsExactly("Bearer platform-token");
    }

    @Test
    void whatThePlatformDeclaresRefusesWithoutADownload() {
        assertThatThrownBy(() -> uploads.fetch(ref("notes.txt", "text/plain", 10, 0, 0), "image"))
                .isInstanceOfSatisfying(ChatUploads.ChatUploadException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_IMAGE_FORMAT");
                    assertThat(e.getMessage()).contains("notes.txt is not an image (text/plain)");
                });
        assertThatThrownBy(() -> uploads.fetch(ref("big.png", "image/png", 600_000, 10, 10), "image"))
                .isInstanceOfSatisfying(ChatUploads.ChatUploadException.class,
                        e -> assertThat(e.getMessage()).contains("is 0.6 MB; at most 0.5 MB"));
        assertThatThrownBy(() -> uploads.fetch(ref("wide.png", "image/png", 100, 2000, 1000), "image"))
                .isInstanceOfSatisfying(ChatUploads.ChatUploadException.class, e -> {
                    assertThat(e.code()).isEqualTo("IMAGE_TOO_LARGE");
                    assertThat(e.getMessage()).contains("2000x1000 pixels; at most 1000000 pixels");
                });
        assertThat(downloads).isEmpty();
    }

    @Test
    void theBytesRefuseWhatTheDeclarationsHid() throws IOException {
        files.put("fake.png", "not an image".getBytes());
        files.put("huge.png", png(1200, 1000));

        assertThatThrownBy(() -> uploads.fetch(ref("fake.png", null, 0, 0, 0), "reference image 2"))
                .isInstanceOfSatisfying(ChatUploads.ChatUploadException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_IMAGE_FORMAT");
                    assertThat(e.getMessage()).startsWith("reference image 2 fake.png is not a PNG, JPEG, WebP or GIF image");
                });
        assertThatThrownBy(() -> uploads.fetch(ref("huge.png", null, 0, 0, 0), "image"))
                .isInstanceOfSatisfying(ChatUploads.ChatUploadException.class, e -> {
                    assertThat(e.code()).isEqualTo("IMAGE_TOO_LARGE");
                    assertThat(e.getMessage()).contains("1200x1000 pixels");
                });
        assertThatThrownBy(() -> uploads.fetch(ref("gone.png", null, 0, 0, 0), "image"))
                .isInstanceOfSatisfying(ChatUploads.ChatUploadException.class,
                        e -> assertThat(e.getMessage()).contains("could not be downloaded"));
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
