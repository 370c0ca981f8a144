package io.atelier.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The whitespace stripping applied to {@code b64_json} before decoding (it replaced a regular expression). */
class OpenAiBase64PayloadTest {

    @Test
    void aPayloadWithoutWhitespaceIsReturnedAsIs() {
        String payload = Base64.getEncoder().encodeToString(randomBytes(3000));
        assertThat(OpenAiImageProvider.withoutWhitespace(payload)).isSameAs(payload);
    }

    @Test
    void lineWrappedBase64LosesEveryWhitespaceCharacterOfTheRegexClass() {
        byte[] bytes = randomBytes(3000);
        String wrapped = Base64.getMimeEncoder().encodeToString(bytes); // CRLF every 76 characters
        assertThat(wrapped).contains("\r\n");
        String mixed = " \t" + wrapped + "\u000B\f\n";
        String compact = OpenAiImageProvider.withoutWhitespace(mixed);
        assertThat(compact).isEqualTo(mixed.replaceAll("\\s", ""));
        assertThat(Base64.getDecoder().decode(compact)).isEqualTo(bytes);
    }

    @Test
    void otherCharactersAreKeptSoInvalidPayloadsStillFailToDecode() {
        assertThat(OpenAiImageProvider.withoutWhitespace("QUJD\u00a0RA==")).isEqualTo("QUJD\u00a0RA==");
        assertThat(OpenAiImageProvider.withoutWhitespace("")).isEmpty();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
