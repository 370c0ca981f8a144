package io.atelier.core.provider.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) built in memory, as Stability, Replicate's file uploads and
 * ComfyUI's image uploads take it.
 * Field names and file names are our own constants; values are written as UTF-8.
 *
 * <p>Not thread-safe; build, then read {@link #toByteArray()} once.
 */
public final class MultipartForm {

    private final String boundary = "atelier-" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Adds a text field; null values are skipped. */
    public MultipartForm field(String name, Object value) {
        if (value != null) {
            write("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n");
        }
        return this;
    }

    /** Adds a file part. */
    public MultipartForm file(String name, String filename, String contentType, byte[] bytes) {
        write("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(bytes);
        write("\r\n");
        return this;
    }

    /** The file name extension of an image part: {@code .jpg}, {@code .webp}, else {@code .png}. */
    public static String extension(String mimeType) {
        return switch (mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT)) {
            case "image/jpeg", "image/jpg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }

    /** The {@code Content-Type} header value, with the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The complete body, closing delimiter included. */
    public byte[] toByteArray() {
        ByteArrayOutputStream complete = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        complete.writeBytes(body.toByteArray());
        complete.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return complete.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
