package io.atelier.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderResult;

/** The streaming reader of the Images API's answer: base64 decoded from the body into the sink. */
class OpenAiAnswerReaderTest {

    private static final ImageSize SIZE = new ImageSize(64, 48);
    private final JsonMapper json = JsonMapper.builder().build();
    private final RecordingSink sink = new RecordingSink();

    @Test
    void eachB64ImageIsDecodedIntoTheSinkWithItsHeaderAndRevisedPrompt() throws Exception {
        byte[] first = png(64, 48, 3000);
        byte[] second = png(32, 32, 500);
        String body = "{\"created\":1,\"usage\":{\"total_tokens\":5},\"data\":[{\"b64_json\":\"" + b64(first)
                + "\",\"revised_prompt\":\"a fox\"},{\"extra\":[1,{\"x\":2}],\"b64_json\":\"" + b64(second) + "\"}]}";

        OpenAiAnswerReader.Answer answer = read(body);

        assertThat(answer.items()).hasSize(2);
        ProviderResult.GeneratedImage image = answer.items().get(0).image();
        assertThat(image.bytes()).isEqualTo(first);
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
        assertThat(image.revisedPrompt()).isEqualTo("a fox");
        assertThat(answer.items().get(1).image().bytes()).isEqualTo(second);
        assertThat(answer.items().get(1).image().width()).isEqualTo(32);
        assertThat(sink.opened).isEqualTo(2);
    }

    @Test
    void lineWrappedBase64WithEscapedLineBreaksAndNoPaddingDecodes() throws Exception {
        byte[] bytes = png(16, 16, 3001);
        String wrapped = Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\\r\\n").replaceAll("=+$", "");

        OpenAiAnswerReader.Answer answer = read("{\"data\":[{\"b64_json\":\"" + wrapped + "\"}]}");

        assertThat(answer.items().get(0).image().bytes()).isEqualTo(bytes);
    }

    @Test
    void aLargeImageArrivingInOddPiecesWithEscapedSlashesDecodesExactly() throws Exception {
        byte[] bytes = png(768, 768, 300_000); // ~400 KB of base64: several of the diverter's blocks
        String escaped = b64(bytes).replace("/", "\\/");
        byte[] body = ("{\"created\":1,\"data\":[{\"revised_prompt\":\"a \\\"b64_json\\\": trap\",\"b64_json\" : \""
                + escaped + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(body);

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, 7)); // pieces that split keys, escapes and base64 groups
            }
        };

        OpenAiAnswerReader.Answer answer = new OpenAiAnswerReader(json, sink, SIZE).read(trickle);

        assertThat(answer.items()).hasSize(1);
        assertThat(answer.items().get(0).image().bytes()).isEqualTo(bytes);
        assertThat(answer.items().get(0).image().revisedPrompt()).isEqualTo("a \"b64_json\": trap");
    }

    @Test
    void spacesEscapesAndStrayBytesAreFoundAtEveryOffsetOfAWord() throws Exception {
        byte[] bytes = png(16, 16, 200);
        String clean = b64(bytes);
        for (int at = 8; at < 24; at++) {
            String spaced = clean.substring(0, at) + " \\n" + clean.substring(at);
            assertThat(read("{\"data\":[{\"b64_json\":\"" + spaced + "\"}]}").items().get(0).image().bytes())
                    .as("whitespace at %d", at).isEqualTo(bytes);
            String stray = clean.substring(0, at) + "\u00e9" + clean.substring(at);
            assertThatThrownBy(() -> read("{\"data\":[{\"b64_json\":\"" + stray + "\"}]}"))
                    .as("a non-ASCII byte at %d", at).isInstanceOf(ProviderException.NonRetriable.class)
                    .hasMessageContaining("invalid base64");
        }
    }

    @Test
    void onlyTheDataItemsB64JsonGoesToTheSink() throws Exception {
        byte[] bytes = png(8, 8, 100);
        String body = "{\"other\":[{\"b64_json\":\"AAAA\"}],\"b64_json\":\"AAAA\",\"data\":[{\"b64_json\":\"" + b64(bytes)
                + "\"}],\"error\":{\"b64_json\":\"AAAA\"}}";

        OpenAiAnswerReader.Answer answer = read(body);

        assertThat(answer.items()).hasSize(1);
        assertThat(answer.items().get(0).image().bytes()).isEqualTo(bytes);
        assertThat(sink.opened).isEqualTo(1);
        assertThat(answer.error().get("b64_json").stringValue()).isEqualTo("AAAA");
    }

    @Test
    void urlItemsAreReturnedForDownloadAndAnErrorObjectIsKept() throws Exception {
        OpenAiAnswerReader.Answer withUrl = read("{\"data\":[{\"url\":\"https://cdn.example/i.png\",\"revised_prompt\":\"r\"}]}");
        assertThat(withUrl.items().get(0).url()).isEqualTo("https://cdn.example/i.png");
        assertThat(withUrl.items().get(0).image()).isNull();

        OpenAiAnswerReader.Answer refused = read("{\"data\":[],\"error\":{\"message\":\"blocked\",\"code\":\"content_policy_violation\"}}");
        assertThat(refused.items()).isEmpty();
        assertThat(refused.error().get("code").stringValue()).isEqualTo("content_policy_violation");
    }

    @Test
    void invalidBase64OrNoImageIsABadResponseAndTheUnfinishedImageIsDiscarded() {
        assertThatThrownBy(() -> read("{\"data\":[{\"b64_json\":\"@@@@not base64\"}]}"))
                .isInstanceOf(ProviderException.NonRetriable.class)
                .hasMessageContaining("invalid base64")
                .extracting(e -> ((ProviderException) e).code()).isEqualTo(OpenAiErrors.BAD_RESPONSE);
        assertThat(sink.closedUnfinished).isEqualTo(1);

        assertThatThrownBy(() -> read("{\"data\":[{\"b64_json\":\"" + b64("not an image at all".getBytes(StandardCharsets.UTF_8)) + "\"}]}"))
                .isInstanceOf(ProviderException.NonRetriable.class).hasMessageContaining("not a PNG, JPEG or WebP");
        assertThatThrownBy(() -> read("{\"data\":[{\"revised_prompt\":\"x\"}]}"))
                .isInstanceOf(ProviderException.NonRetriable.class).hasMessageContaining("neither b64_json nor url");
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(ProviderException.NonRetriable.class);
    }

    @Test
    void aBodyThatBreaksOffIsATransportFailureNotABadAnswer() {
        byte[] body = ("{\"data\":[{\"b64_json\":\"" + b64(png(8, 8, 9000))).getBytes(StandardCharsets.US_ASCII);
        InputStream breaking = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(body);

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection reset");
                }
                return b;
            }
        };
        assertThatThrownBy(() -> new OpenAiAnswerReader(json, sink, SIZE).read(breaking))
                .isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    private OpenAiAnswerReader.Answer read(String body) throws Exception {
        return new OpenAiAnswerReader(json, sink, SIZE).read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A PNG signature and IHDR of the given size, then {@code extra} random bytes. */
    private static byte[] png(int width, int height, int extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        out.writeBytes(new byte[] {0, 0, (byte) (width >> 8), (byte) width, 0, 0, (byte) (height >> 8), (byte) height});
        byte[] noise = new byte[extra];
        new Random(extra).nextBytes(noise);
        out.writeBytes(noise);
        return out.toByteArray();
    }

    /** The in-memory sink, counting writers opened and those closed without being finished. */
    private static final class RecordingSink implements ImageSink {
        int opened;
        int closedUnfinished;

        @Override
        public Writer open() throws IOException {
            opened++;
            Writer inner = ImageSink.IN_MEMORY.open();
            return new Writer() {
                private boolean finished;

                @Override
                public void write(int b) throws IOException {
                    inner.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    inner.write(b, off, len);
                }

                @Override
                public byte[] head() {
                    return inner.head();
                }

                @Override
                public long size() {
                    return inner.size();
                }

                @Override
                public ProviderResult.GeneratedImage finish(String mime, int w, int h, String revised) throws IOException {
                    finished = true;
                    return inner.finish(mime, w, h, revised);
                }

                @Override
                public void close() {
                    if (!finished) {
                        closedUnfinished++;
                    }
                }
            };
        }
    }
}
