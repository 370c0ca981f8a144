package io.atelier.core.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough HTTP/1.1 for one {@code GET} over a socket the fetcher opened itself: a request with
 * {@code Connection: close}, a bounded response head, and a body read by {@code Content-Length},
 * {@code chunked} framing or until close, aborted as soon as it passes the byte limit.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves host names itself and offers no way to
 * connect to an address we vetted while keeping the name for the {@code Host} header, SNI and
 * certificate checks; a second lookup would let DNS rebinding swap in a private address.
 */
final class HttpWire {

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    /**
     * A response's status and headers.
     *
     * @param status  the status code
     * @param headers header values by lower-case name, in the order received
     */
    record ResponseHead(int status, Map<String, List<String>> headers) {

        Optional<String> first(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    private HttpWire() {
    }

    /** Writes a {@code GET} request; {@code target} and {@code host} must be printable ASCII. */
    static void writeGet(OutputStream out, String target, String host, String accept) throws IOException {
        writeGet(out, target, host, accept, Map.of());
    }

    /**
     * Writes a {@code GET} request with extra headers (credentials for the platform's own file URLs);
     * names and values were checked by the caller ({@link #validHeader}).
     */
    static void writeGet(OutputStream out, String target, String host, String accept, Map<String, String> extra)
            throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: Atelier\r\n")
                .append("Accept: ").append(accept).append("\r\n")
                .append("Accept-Encoding: identity\r\n");
        extra.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A header a caller may add: a token name (not one the fetcher sets itself) and a printable ASCII value. */
    static boolean validHeader(String name, String value) {
        if (name == null || value == null || name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f
                && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("host") || lower.equals("connection") || lower.equals("accept-encoding")
                || lower.equals("content-length") || lower.equals("transfer-encoding")) {
            return false;
        }
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** Reads the final response head, skipping interim {@code 1xx} responses. */
    static ResponseHead readHead(InputStream in) throws IOException, FetchException {
        int[] budget = {MAX_HEAD};
        while (true) {
            ResponseHead head = readOneHead(in, budget);
            if (head.status() >= 200) {
                return head;
            }
            if (head.status() == 101) {
                throw failed("the server switched protocols");
            }
        }
    }

    private static ResponseHead readOneHead(InputStream in, int[] budget) throws IOException, FetchException {
        String statusLine = readLine(in, budget);
        if (statusLine == null) {
            throw failed("the server closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw failed("the server did not answer with HTTP/1.x");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            String line = readLine(in, budget);
            if (line == null) {
                throw failed("the response head was cut short");
            }
            if (line.isEmpty()) {
                return new ResponseHead(status, headers);
            }
            if (++count > MAX_HEADERS || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw failed("malformed response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw failed("malformed response header");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
    }

    /**
     * Reads the body of {@code head} from {@code in}, failing with {@code FETCH_TOO_LARGE} before
     * holding more than {@code maxBytes}.
     */
    static byte[] readBody(InputStream in, ResponseHead head, long maxBytes) throws IOException, FetchException {
        if (head.status() == 204 || head.status() == 304) {
            return new byte[0];
        }
        Optional<String> transferEncoding = head.first("transfer-encoding");
        if (transferEncoding.isPresent()) {
            if (head.headers().get("transfer-encoding").size() != 1
                    || !transferEncoding.get().equalsIgnoreCase("chunked")) {
                throw failed("unsupported transfer encoding");
            }
            return readChunked(in, maxBytes);
        }
        long length = contentLength(head);
        if (length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length >= 0 ? length : 8192, 1 << 20));
        if (length >= 0) {
            copy(in, body, length, maxBytes);
            return body.toByteArray();
        }
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (body.size() + (long) n > maxBytes) {
                throw tooLarge(maxBytes);
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    /** The declared {@code Content-Length}, or -1 when absent. */
    static long contentLength(ResponseHead head) throws FetchException {
        List<String> values = head.headers().get("content-length");
        if (values == null) {
            return -1;
        }
        long length = -1;
        for (String value : values) {
            for (String item : value.split(",")) {
                long parsed;
                try {
                    parsed = Long.parseLong(item.trim());
                } catch (NumberFormatException e) {
                    throw failed("malformed Content-Length");
                }
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw failed("malformed Content-Length");
                }
                length = parsed;
            }
        }
        return length;
    }

    private static byte[] readChunked(InputStream in, long maxBytes) throws IOException, FetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {MAX_HEAD};
        while (true) {
            String sizeLine = readLine(in, budget);
            if (sizeLine == null) {
                throw failed("the response body was cut short");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                if (hex.isEmpty() || hex.length() > 15) {
                    throw new NumberFormatException(hex);
                }
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw failed("malformed chunk size");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in, budget);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw tooLarge(maxBytes);
            }
            copy(in, body, size, maxBytes);
            String end = readLine(in, budget);
            if (end == null || !end.isEmpty()) {
                throw failed("malformed chunk");
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long length, long maxBytes)
            throws IOException, FetchException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n == -1) {
                throw failed("the response body was cut short");
            }
            if (out.size() + (long) n > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** One line without its CR LF, or null at end of stream before any byte. */
    private static String readLine(InputStream in, int[] budget) throws IOException, FetchException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c == -1) {
                return line.isEmpty() ? null : line.toString();
            }
            if (--budget[0] < 0 || line.length() >= MAX_LINE) {
                throw failed("the response head is too large");
            }
            if (c == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            line.append((char) c);
        }
    }

    private static FetchException failed(String message) {
        return new FetchException(FetchException.Code.FETCH_FAILED, message);
    }

    private static FetchException tooLarge(long maxBytes) {
        return new FetchException(FetchException.Code.FETCH_TOO_LARGE, "the resource is larger than " + maxBytes + " bytes");
    }
}
