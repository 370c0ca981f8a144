package io.atelier.testkit.discord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One REST request as {@link FakeDiscord} received it, with the time it arrived
 * ({@link System#nanoTime}) and whether its body carries a PNG (computed once on arrival: the
 * benchmark asks it of every edit it waits for, and decoding megabytes of multipart bodies on every
 * poll took more CPU than the bot under test).
 */
public record FakeDiscordRequest(String method, String path, String query, String contentType, byte[] body,
                                 long receivedNanos, boolean hasPng) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    FakeDiscordRequest(String method, String path, String query, String contentType, byte[] body, long receivedNanos) {
        this(method, path, query, contentType, body, receivedNanos, containsPngSignature(body));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean multipart() {
        return contentType != null && contentType.startsWith("multipart/form-data");
    }

    /** The JSON payload: the body, or the {@code payload_json} part of a multipart body. */
    public JsonNode json() {
        if (!multipart()) {
            String t = text();
            return t.isBlank() ? JSON.createObjectNode() : JSON.readTree(t);
        }
        // Find the part in a one-byte-per-char view (cheap), then decode only that part as UTF-8:
        // decoding the whole multipart body, PNGs included, on every call was most of this fake's CPU.
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        int name = raw.indexOf("name=\"payload_json\"");
        int start = raw.indexOf("\r\n\r\n", name) + 4;
        int end = raw.indexOf("\r\n--", start);
        String t = new String(body, start, end - start, StandardCharsets.UTF_8);
        return t.isBlank() ? JSON.createObjectNode() : JSON.readTree(t);
    }

    /** File names of the multipart file parts ({@code files[n]}). */
    public List<String> fileNames() {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("name=\"files\\[\\d+]\"; filename=\"([^\"]+)\"").matcher(text());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The bytes of the multipart file parts ({@code files[n]}), in order. */
    public List<byte[]> files() {
        List<byte[]> out = new ArrayList<>();
        if (!multipart()) {
            return out;
        }
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        String t = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : t.split(Pattern.quote("--" + boundary))) {
            int head = part.indexOf("\r\n\r\n");
            if (head < 0 || !part.substring(0, head).matches("(?s).*name=\"files\\[\\d+]\".*")) {
                continue;
            }
            String content = part.substring(head + 4, part.length() - 2);
            out.add(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static boolean containsPngSignature(byte[] body) {
        outer:
        for (int i = 0; i + PNG_SIGNATURE.length <= body.length; i++) {
            for (int j = 0; j < PNG_SIGNATURE.length; j++) {
                if (body[i + j] != PNG_SIGNATURE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
