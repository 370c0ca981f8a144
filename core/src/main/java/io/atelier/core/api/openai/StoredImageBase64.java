package io.atelier.core.api.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The {@code b64_json} of a stored image, written by streaming: the serializer encodes the image
 * store's stream block by block with the JDK's vectorised encoder and hands the text to the generator
 * raw, so a 1.8 MB PNG never becomes a 2.4 MB {@code String} that Jackson then copies again
 * (Jackson's own {@code writeBinary} encodes three bytes at a time: an eighth of a realistic
 * request's CPU). The stream is opened when the answer is built (a missing image fails there, before any byte is sent) and closed once written.
 *
 * <p>Written once: the stream is consumed by the first serialization.
 */
@JsonSerialize(using = StoredImageBase64.Writer.class)
final class StoredImageBase64 {

    private final InputStream image;

    StoredImageBase64(InputStream image) {
        this.image = image;
    }

    static final class Writer extends ValueSerializer<StoredImageBase64> {
        private static final int BLOCK = 48 * 1024; // a multiple of 3: only the last block is padded

        @Override
        public void serialize(StoredImageBase64 value, JsonGenerator gen, SerializationContext context) {
            // Standard alphabet, padded, no line breaks: what Base64.getEncoder() writes and OpenAI answers.
            // Base64 needs no JSON escaping, so the text goes out raw between the quotes.
            try (InputStream in = value.image) {
                gen.writeRawValue("\"");
                byte[] raw = new byte[BLOCK];
                byte[] text = new byte[BLOCK / 3 * 4]; // reused: the generator copies it out before the next block
                for (int filled; (filled = in.readNBytes(raw, 0, BLOCK)) > 0; ) {
                    if (filled == BLOCK) {
                        Base64.getEncoder().encode(raw, text);
                        gen.writeRaw(new AsciiText(text));
                    } else {
                        gen.writeRaw(new AsciiText(Base64.getEncoder().encode(Arrays.copyOf(raw, filled))));
                    }
                }
                gen.writeRaw('"');
            } catch (IOException e) {
                throw new UncheckedIOException("could not read a stored image while writing it", e);
            }
        }
    }

    /**
     * ASCII text that needs no escaping, written by the generator as the bytes it is ({@link
     * JsonGenerator#writeRaw(SerializableString)} copies them in bulk).
     */
    private record AsciiText(byte[] bytes) implements SerializableString {

        @Override
        public String getValue() {
            return new String(bytes, StandardCharsets.US_ASCII);
        }

        @Override
        public int charLength() {
            return bytes.length;
        }

        @Override
        public char[] asQuotedChars() {
            return getValue().toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes;
        }

        @Override
        public byte[] asQuotedUTF8() {
            return bytes;
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return appendUnquotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return appendUnquoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            for (int i = 0; i < bytes.length; i++) {
                buffer[offset + i] = (char) bytes[i];
            }
            return bytes.length;
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < bytes.length) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }
    }
}
