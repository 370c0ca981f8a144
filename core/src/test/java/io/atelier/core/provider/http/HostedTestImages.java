package io.atelier.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import io.atelier.core.provider.ProviderContext;

/** Test images, a multipart reader for assertions, and a recording, cancelable context. */
public final class HostedTestImages {

    private HostedTestImages() {
    }

    public static byte[] png(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One multipart part. */
    public record Part(String filename, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A strict-enough multipart/form-data reader: parts by name, in order (the last of a repeated name). */
    public static Map<String, Part> parseMultipart(byte[] body, String contentType) {
        Map<String, Part> parts = new LinkedHashMap<>();
        partList(body, contentType).forEach(part -> parts.put(part.getKey(), part.getValue()));
        return parts;
    }

    /** Every part with its name, in order (repeated names kept). */
    public static List<Map.Entry<String, Part>> partList(byte[] body, String contentType) {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("--" + boundary + "\r\n").endsWith("--" + boundary + "--\r\n");
        List<Map.Entry<String, Part>> parts = new ArrayList<>();
        String[] pieces = text.split(Pattern.quote("--" + boundary));
        for (int i = 1; i < pieces.length - 1; i++) {
            String piece = pieces[i];
            assertThat(piece).startsWith("\r\n").endsWith("\r\n");
            int headEnd = piece.indexOf("\r\n\r\n");
            String head = piece.substring(2, headEnd);
            String content = piece.substring(headEnd + 4, piece.length() - 2);
            String type = head.lines().filter(l -> l.startsWith("Content-Type: ")).map(l -> l.substring(14)).findFirst().orElse(null);
            parts.add(Map.entry(attribute(head, "name"), new Part(attribute(head, "filename"), type,
                    content.getBytes(StandardCharsets.ISO_8859_1))));
        }
        return parts;
    }

    private static String attribute(String head, String name) {
        Matcher matcher = Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(head);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Records progress; cancelable from the test thread. */
    public static final class RecordingContext implements ProviderContext {
        public final AtomicBoolean cancelled = new AtomicBoolean();
        public final List<Progress> progress = new CopyOnWriteArrayList<>();

        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        public List<String> messages() {
            return progress.stream().map(Progress::message).toList();
        }
    }
}
