package io.atelier.core.api.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The {@code b64_json} of a stored image, written by streaming: the serializer encodes the image
 * store's stream straight into the response ({@link JsonGenerator#writeBinary}), so a 1.8 MB PNG
 * never becomes a 2.4 MB {@code String} that Jackson then copies again. The stream is opened when the
 * answer is built (a missing image fails there, before any byte is sent) and closed once written.
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
        @Override
        public void serialize(StoredImageBase64 value, JsonGenerator gen, SerializationContext context) {
            try (InputStream in = value.image) {
                // Standard alphabet, padded, no line breaks: what Base64.getEncoder() writes and OpenAI answers.
                gen.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, in, -1);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read a stored image while writing it", e);
            }
        }
    }
}
