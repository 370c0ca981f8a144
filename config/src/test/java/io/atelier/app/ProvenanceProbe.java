package io.atelier.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an outside verifier does, written independently of the server's code: read the PNG chunks,
 * strip the provenance chunk, hash, canonicalize with a stock JSON library (sorted keys, compact),
 * verify Ed25519 with the published PEM. Plus the multipart and raw-body requests ApiClient lacks.
 */
final class ProvenanceProbe {

    static final String KEYWORD = "atelier:provenance";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper SORTED = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ProvenanceProbe() {
    }

    /** The provenance chunk found in a PNG: its text and the file without it. */
    record Embedded(String text, byte[] original) {
    }

    /** Finds the last chunk before IEND; it must be an uncompressed iTXt with our keyword. */
    static Embedded embedded(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        in.position(8);
        int lastStart = -1;
        int lastEnd = -1;
        while (true) {
            int start = in.position();
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            String name = new String(type, StandardCharsets.US_ASCII);
            if (name.equals("IEND")) {
                break;
            }
            in.position(in.position() + length + 4);
            lastStart = start;
            lastEnd = in.position();
        }
        String type = new String(png, lastStart + 4, 4, StandardCharsets.US_ASCII);
        if (!type.equals("iTXt")) {
            throw new AssertionError("the chunk before IEND is " + type + ", not iTXt");
        }
        byte[] data = Arrays.copyOfRange(png, lastStart + 8, lastEnd - 4);
        byte[] prefix = (KEYWORD + "\0\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
        if (!Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new AssertionError("the iTXt chunk is not an uncompressed " + KEYWORD + " chunk");
        }
        String text = new String(data, prefix.length, data.length - prefix.length, StandardCharsets.UTF_8);
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        original.write(png, 0, lastStart);
        original.write(png, lastEnd, png.length - lastEnd);
        return new Embedded(text, original.toByteArray());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sorted keys, no whitespace: RFC 8785 for records of strings and integers. */
    @SuppressWarnings("unchecked")
    static String canonical(JsonNode record) {
        Map<String, Object> map = SORTED.convertValue(record, TreeMap.class);
        return SORTED.writeValueAsString(map);
    }

    static PublicKey publicKey(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static boolean verifies(PublicKey key, String canonicalRecord, String signatureBase64) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(canonicalRecord.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** POST of a multipart/form-data body with one file part (or none when {@code field} is null). */
    static ApiClient.Response postMultipart(String url, String field, String fileName, String contentType, byte[] content) {
        String boundary = "----atelier-test-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (field != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        } else {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** POST of a raw body; {@code contentType} null sends none. */
    static ApiClient.Response postRaw(String url, String contentType, byte[] content) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(content));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    private static ApiClient.Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> response = HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiClient.Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
