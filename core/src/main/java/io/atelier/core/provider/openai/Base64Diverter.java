package io.atelier.core.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;

import io.atelier.core.provider.ImageSink;

/**
 * The body of an Images API answer as the JSON parser sees it, with each {@code data[i].b64_json}
 * value taken out on the way: its base64 is decoded here, in blocks, with the JDK's vectorised
 * decoder straight into a new {@link ImageSink.Writer}, and the parser reads an empty string in its
 * place. Decoding base64 one character at a time in the parser cost about a fifth of the CPU of a
 * request carrying a 2.4 MB image.
 *
 * <p>It follows just enough of the JSON grammar to find those values: whether it is inside a string,
 * the nesting depth, the key of the top-level member it is in and the last key at each level. A
 * {@code b64_json} key three levels down inside the top-level {@code data} member is the one the
 * Images API defines; anything else passes through untouched for the parser to judge.
 *
 * <p>The parser takes the writers in the order their values appeared ({@link #takeImage}); writers
 * nobody took are discarded by {@link #close}. Base64 may carry whitespace, escaped line breaks and
 * escaped slashes, and may omit its padding; any other character makes {@link #read} fail with
 * {@link InvalidBase64}. Not thread-safe.
 */
final class Base64Diverter extends InputStream {

    /** The answer's base64 is not base64; the parser reports it as a bad answer, not a transport failure. */
    static final class InvalidBase64 extends IOException {
        InvalidBase64(String message) {
            super(message);
        }
    }

    private static final byte[] B64_JSON = "b64_json".getBytes();
    private static final byte[] DATA = "data".getBytes();
    private static final int CHUNK = 64 * 1024;
    private static final byte[] SLASH = {'/'};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream body;
    private final ImageSink sink;
    private final Deque<ImageSink.Writer> diverted = new ArrayDeque<>();
    private final byte[] in = new byte[CHUNK];
    private final byte[] one = new byte[1];
    private int inPos;
    private int inEnd;

    // JSON scanning state for the bytes passed to the parser.
    private boolean inString;
    private boolean escaped;
    private int depth;
    /** Bytes of the string being read, when it may be a key we care about (compared as it goes). */
    private final byte[] key = new byte[B64_JSON.length + 1];
    private int keyLength;
    private boolean keyIsB64;
    private boolean topKeyIsData;
    /** After a key at depth 1 or 3 closed: waiting for ':' then the value's opening quote. */
    private int afterKey;

    // Divert state: decoding a value into {@link #target} until its closing quote.
    private ImageSink.Writer target;
    private final byte[] quad = new byte[CHUNK];
    private int quadLength;
    private final byte[] decoded = new byte[CHUNK / 4 * 3];
    private boolean pendingEscape;
    /** The closing quote still owed to the parser after a diverted value. */
    private boolean owesQuote;

    Base64Diverter(InputStream body, ImageSink sink) {
        this.body = body;
        this.sink = sink;
    }

    /** The writer holding the next {@code b64_json} value the parser met as an empty string, or null if none was diverted. */
    ImageSink.Writer takeImage() {
        return diverted.pollFirst();
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written == 0) {
            if (owesQuote) {
                owesQuote = false;
                out[offset] = '"';
                return 1;
            }
            if (inPos == inEnd && !fill()) {
                if (target != null) {
                    throw new IOException("the answer ended inside an image's base64");
                }
                return -1;
            }
            if (target != null) {
                divert();
                continue;
            }
            while (written < length && inPos < inEnd) {
                byte b = in[inPos++];
                out[offset + written++] = b;
                if (scan(b)) {
                    // The value's opening quote went to the parser; its content does not.
                    target = sink.open();
                    quadLength = 0;
                    break;
                }
            }
        }
        return written;
    }

    private boolean fill() throws IOException {
        int n = body.read(in, 0, in.length);
        if (n <= 0) {
            return false;
        }
        inPos = 0;
        inEnd = n;
        return true;
    }

    /** Follows one byte passed to the parser; true when it opened a value to divert. */
    private boolean scan(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
                keyLength = key.length; // an escape: not a key we compare
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
                stringClosed();
            } else if (keyLength < key.length) {
                key[keyLength++] = b;
            }
            return false;
        }
        switch (b) {
            case '"' -> {
                if (afterKey == 2) {
                    afterKey = 0;
                    if (depth == 3 && keyIsB64 && topKeyIsData) {
                        return true;
                    }
                }
                afterKey = 0;
                inString = true;
                keyLength = 0;
            }
            case ':' -> afterKey = afterKey == 1 ? 2 : 0;
            case '{', '[' -> {
                depth++;
                afterKey = 0;
            }
            case '}', ']' -> {
                depth--;
                afterKey = 0;
            }
            case ' ', '\t', '\r', '\n' -> {
                // whitespace keeps the state
            }
            default -> afterKey = 0;
        }
        return false;
    }

    /** A string ended: if it was a key (a ':' follows), remember what matters of it. */
    private void stringClosed() {
        if (afterKey == 0 && (depth == 1 || depth == 3)) {
            boolean isB64 = keyLength == B64_JSON.length && Arrays.equals(key, 0, keyLength, B64_JSON, 0, B64_JSON.length);
            boolean isData = keyLength == DATA.length && Arrays.equals(key, 0, keyLength, DATA, 0, DATA.length);
            if (depth == 1) {
                topKeyIsData = isData;
            } else {
                keyIsB64 = isB64;
            }
            afterKey = 1; // a value string also gets here; the next byte being ',' or '}' clears it
        }
    }

    /**
     * Decodes buffered input of a diverted value up to its closing quote. Runs of plain base64
     * characters are found by a tight loop and copied in bulk; whitespace and escapes are rare.
     */
    private void divert() throws IOException {
        final byte[] buf = in;
        final int limit = inEnd;
        int i = inPos;
        while (i < limit) {
            if (pendingEscape) {
                pendingEscape = false;
                byte b = buf[i++];
                switch (b) {
                    case '/' -> gather(SLASH, 0, 1);
                    case 'n', 'r', 't' -> {
                        // an escaped line break: skipped like whitespace
                    }
                    default -> throw new InvalidBase64("the image backend answered invalid base64 image data (the escape \\"
                            + (char) b + ")");
                }
                continue;
            }
            int run = i;
            // Eight bytes at a time while none is special; then byte by byte up to the special one.
            while (i + Long.BYTES <= limit && plain((long) LONGS.get(buf, i))) {
                i += Long.BYTES;
            }
            while (i < limit) {
                byte b = buf[i];
                if (b == '"' || b == '\\' || b <= ' ') {
                    break;
                }
                i++;
            }
            gather(buf, run, i - run);
            if (i < limit) {
                byte b = buf[i++];
                if (b == '"') {
                    inPos = i;
                    decodeQuads(true);
                    diverted.addLast(target);
                    target = null;
                    owesQuote = true;
                    return;
                }
                if (b == '\\') {
                    pendingEscape = true;
                } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    throw new InvalidBase64("the image backend answered invalid base64 image data (byte " + (b & 0xff) + ")");
                }
            }
        }
        inPos = i;
    }

    /**
     * Whether none of the eight bytes in {@code word} is a quote, a backslash, a control or space
     * character, or a non-ASCII byte (bit tricks: a byte of {@code x} is zero exactly when
     * {@code (x - 0x01) & ~x} has its high bit set; below 0x21 likewise with 0x21).
     */
    private static boolean plain(long word) {
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
                | ((word - 0x2121212121212121L) & ~word) | word;
        return (special & HIGHS) == 0;
    }

    /** Adds base64 characters to the block being gathered, decoding each block as it fills. */
    private void gather(byte[] from, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, CHUNK - quadLength);
            System.arraycopy(from, offset, quad, quadLength, n);
            quadLength += n;
            offset += n;
            length -= n;
            if (quadLength == CHUNK) {
                decodeQuads(false);
            }
        }
    }

    /** Decodes the characters gathered so far: a full block, or at the end the rest, padded. */
    private void decodeQuads(boolean last) throws IOException {
        int whole = quadLength;
        if (last && whole % 4 != 0) {
            if (whole % 4 == 1) {
                throw new InvalidBase64("the image backend answered invalid base64 image data (a dangling character)");
            }
            while (whole % 4 != 0) {
                quad[whole++] = '=';
            }
        }
        if (whole == 0) {
            return;
        }
        int n;
        try {
            // A full block is decoded in place; only the last, shorter one is copied.
            n = Base64.getDecoder().decode(whole == quad.length ? quad : Arrays.copyOf(quad, whole), decoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidBase64("the image backend answered invalid base64 image data (" + e.getMessage() + ")");
        }
        target.write(decoded, 0, n);
        quadLength = 0; // blocks are whole: CHUNK is a multiple of 4

    }

    @Override
    public void close() throws IOException {
        try {
            body.close();
        } finally {
            if (target != null) {
                target.close();
                target = null;
            }
            for (ImageSink.Writer w; (w = diverted.pollFirst()) != null; ) {
                w.close();
            }
        }
    }
}
