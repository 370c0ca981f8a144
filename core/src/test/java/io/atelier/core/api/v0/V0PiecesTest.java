package io.atelier.core.api.v0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.api.JsonFieldException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Unit tests of the v0 dialect's small pieces: field names in messages, magic bytes, credit table, flags. */
class V0PiecesTest {

    @Test
    void coreFieldNamesBecomeV0Names() {
        assertThat(V0ExceptionHandler.inV0Terms("count", "count must be between 1 and 4 for model local/preview"))
                .isEqualTo("sampleCount must be between 1 and 4 for model local/preview");
        assertThat(V0ExceptionHandler.inV0Terms("model", "unknown model 'x'"))
                .isEqualTo("modelVersion: unknown model 'x'");
        assertThat(V0ExceptionHandler.inV0Terms("files.styles[1]", "files.styles[1] is empty"))
                .isEqualTo("styles_1 is empty");
        assertThat(V0ExceptionHandler.inV0Terms("files.photo", "file 'photo' (Photo) is required"))
                .isEqualTo("file 'photo' (Photo) is required");
        assertThat(V0ExceptionHandler.inV0Terms("prompt", "prompt is required")).isEqualTo("prompt is required");
        assertThat(V0ExceptionHandler.inV0Terms("presetId", "unknown preset 'x'")).isEqualTo("presetId: unknown preset 'x'");
    }

    @Test
    void imageTypesComeFromMagicBytes() {
        assertThat(ImageMagic.mediaType(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).hasValue("image/png");
        assertThat(ImageMagic.mediaType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).hasValue("image/jpeg");
        assertThat(ImageMagic.mediaType("RIFF\0\0\0\0WEBPVP8 ".getBytes())).hasValue("image/webp");
        assertThat(ImageMagic.mediaType("GIF89a....".getBytes())).hasValue("image/gif");
        assertThat(ImageMagic.mediaType("<svg xmlns=".getBytes())).isEmpty();
        assertThat(ImageMagic.mediaType(new byte[0])).isEmpty();
    }

    @Test
    void creditTableDefaultsToTheDocumentAndTakesOverrides() {
        V0Properties defaults = new V0Properties(Duration.ofSeconds(180), null, DataSize.ofMegabytes(10), null);
        assertThat(defaults.creditsPerImage("low")).isEqualTo(1);
        assertThat(defaults.creditsPerImage("standard")).isEqualTo(1);
        assertThat(defaults.creditsPerImage("high")).isEqualTo(2);
        assertThat(defaults.creditsPerImage("4k")).isEqualTo(4);
        V0Properties custom = new V0Properties(Duration.ofSeconds(1), Map.of("4k", 9), DataSize.ofMegabytes(1),
                Map.of("gemini-3-pro-image-preview", "local/preview"));
        assertThat(custom.creditsPerImage("4k")).isEqualTo(9);
        assertThat(custom.creditsPerImage("high")).isEqualTo(2);
        assertThat(custom.catalogModel("gemini-3-pro-image-preview")).isEqualTo("local/preview");
        assertThat(custom.catalogModel("openai/gpt-image-1")).isEqualTo("openai/gpt-image-1");
        assertThatThrownBy(() -> new V0Properties(Duration.ofSeconds(1), Map.of("8k", 9), DataSize.ofMegabytes(1), null))
                .hasMessageContaining("atelier.v0.credits.8k");
        assertThatThrownBy(() -> new V0Properties(Duration.ofSeconds(1), Map.of("low", -1), DataSize.ofMegabytes(1), null))
                .hasMessageContaining("0 or more");
    }

    @Test
    void flagsAcceptTheDocumentsSpellingsOnly() {
        assertThat(V0Flags.flag("async", "true")).isTrue();
        assertThat(V0Flags.flag("async", "1")).isTrue();
        assertThat(V0Flags.flag("async", "0")).isFalse();
        assertThat(V0Flags.flag("async", null)).isFalse();
        assertThatThrownBy(() -> V0Flags.flag("async", "yes")).isInstanceOf(JsonFieldException.class).hasMessageContaining("async");
        assertThat(V0Views.Format.of(null, "1")).isEqualTo(V0Views.Format.BOTH);
        assertThat(V0Views.Format.of("b64_json", "true")).isEqualTo(V0Views.Format.B64_JSON);
        assertThat(V0Views.Format.of(null, null)).isEqualTo(V0Views.Format.URL);
        assertThatThrownBy(() -> V0Views.Format.of("png", null)).hasMessageContaining("response_format");
    }
}
