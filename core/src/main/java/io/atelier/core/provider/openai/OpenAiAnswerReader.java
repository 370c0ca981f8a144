package io.atelier.core.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.http.ImageBytes;

/**
 * Reads a successful Images API answer ({@code {created, data:[{b64_json | url, revised_prompt}],
 * usage?}}) as a stream: each {@code b64_json} is decoded straight from the response body into the
 * context's {@link ImageSink} (by the {@link Base64Diverter} below the parser), so neither the
 * body nor the base64 text nor the image is ever held
 * whole in memory (a 768×768 noise PNG is 2.4 MB of base64). Unknown fields are skipped; an
 * {@code error} object is kept for the message when {@code data} is empty.
 *
 * <p>Base64 may carry whitespace or escaped line breaks (some servers wrap at 76 columns) and may
 * omit its padding. Not thread-safe: one reader per answer.
 */
final class OpenAiAnswerReader {

    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    /** One entry of {@code data}: an image already written to the sink, or a URL to download. */
    record Item(ProviderResult.GeneratedImage image, String url, String revisedPrompt) {
    }

    /** The answer: its items in order, and its top-level {@code error} object (or null). */
    record Answer(List<Item> items, JsonNode error) {
    }

    private final JsonMapper json;
    private final ImageSink sink;
    private final ImageSize requested;

    OpenAiAnswerReader(JsonMapper json, ImageSink sink, ImageSize requested) {
        this.json = json;
        this.sink = sink;
        this.requested = requested;
    }

    Answer read(InputStream body) throws ProviderException, IOException {
        List<Item> items = new ArrayList<>();
        JsonNode error = null;
        Base64Diverter diverter = new Base64Diverter(body, sink);
        try (JsonParser parser = json.createParser(diverter)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw badResponse("the image backend's answer is not a JSON object", null);
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equals("data") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        items.add(item(parser, diverter));
                    }
                } else if (name.equals("error") && value == JsonToken.START_OBJECT) {
                    error = parser.readValueAsTree();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw failure(e, "the image backend's answer is not the Images API's JSON");
        }
        return new Answer(List.copyOf(items), error);
    }

    private Item item(JsonParser parser, Base64Diverter diverter) throws ProviderException, IOException {
        ImageSink.Writer image = null;
        String url = null;
        String revisedPrompt = null;
        try {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "b64_json" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            if (image != null) {
                                image.close();
                            }
                            // The parser reads a string lazily: finishing it is what makes the
                            // diverter decode the value (the parser then holds an empty string).
                            parser.finishToken();
                            ImageSink.Writer diverted = diverter.takeImage();
                            if (diverted != null) {
                                image = diverted;
                            } else {
                                image = sink.open();
                                decode(parser, image);
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "url" -> url = value == JsonToken.VALUE_STRING ? parser.getString() : url;
                    case "revised_prompt" -> revisedPrompt = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    default -> parser.skipChildren();
                }
            }
            if (image == null) {
                if (url == null) {
                    throw badResponse("the image backend answered an image with neither b64_json nor url", null);
                }
                return new Item(null, url, revisedPrompt);
            }
            ImageBytes.Info info = ImageBytes.inspect(image.head()).orElseThrow(() -> badResponse(
                    "the image backend answered something that is not a PNG, JPEG or WebP image", null));
            // A header we cannot read still came from a request for this size.
            int width = info.hasSize() ? info.width() : requested.width();
            int height = info.hasSize() ? info.height() : requested.height();
            ProviderResult.GeneratedImage done = image.finish(info.mimeType(), width, height, revisedPrompt);
            image = null;
            return new Item(done, null, revisedPrompt);
        } finally {
            if (image != null) {
                image.close();
            }
        }
    }

    private static void decode(JsonParser parser, ImageSink.Writer image) throws ProviderException, IOException {
        try {
            parser.readBinaryValue(BASE64, image);
        } catch (JacksonException e) {
            throw failure(e, "the image backend answered invalid base64 image data");
        }
    }

    /**
     * A read failure of the body stream (connection reset, timeout) as the transport failure it is;
     * anything else the parser refused as a bad answer. (A sink failing to store throws unchecked,
     * so it never looks like either.)
     */
    private static ProviderException failure(JacksonException e, String badAnswer) throws IOException {
        if (e.getCause() instanceof Base64Diverter.InvalidBase64 invalid) {
            return badResponse(invalid.getMessage(), e);
        }
        if (e.getCause() instanceof IOException io) {
            throw io;
        }
        return badResponse(badAnswer, e);
    }

    private static ProviderException.NonRetriable badResponse(String message, Throwable cause) {
        return new ProviderException.NonRetriable(OpenAiErrors.BAD_RESPONSE, message, cause);
    }
}
