package io.atelier.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CanonicalJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void sortsMembersAndWritesNoWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(3, 1, 2));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("zeta", true);
        value.put("alpha", "x");
        value.put("mid", inner);
        value.put("none", null);

        assertThat(CanonicalJson.write(value)).isEqualTo("{\"alpha\":\"x\",\"mid\":{\"a\":[3,1,2],\"z\":1},\"none\":null,\"zeta\":true}");
    }

    /** RFC 8785 §3.2.3: members sorted by UTF-16 code units, not by code points or UTF-8 bytes. */
    @Test
    void sortsByUtf16CodeUnitsAsTheRfcExampleDoes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("\u20ac", "Euro Sign");
        value.put("\r", "Carriage Return");
        value.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        value.put("1", "One");
        value.put("\ud83d\ude00", "Emoji: Grinning Face");
        value.put("\u0080", "Control");
        value.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.write(value)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapes() {
        String text = "q\" b\\ \b\f\n\r\t \u0001\u001f \u007f \u00e9 \u2028 / \ud83e\udd8a";
        assertThat(CanonicalJson.write(text))
                .isEqualTo("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f \u007f \u00e9 \u2028 / \ud83e\udd8a\"");
        // Lone surrogates cannot be UTF-8: escaped as ECMAScript does, lower-case hex.
        assertThat(CanonicalJson.write("a\ud800b\udc00")).isEqualTo("\"a\\ud800b\\udc00\"");
        assertThat(CanonicalJson.bytes("\u00e9")).isEqualTo("\"\u00e9\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsedTreesCanonicalizeLikeTheValuesTheyCameFrom() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("seed", 9_007_199_254_740_991L);
        value.put("prompt", "line\nbreak \u00e9");
        value.put("list", List.of("b", "a"));
        value.put("flag", false);
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);

        assertThat(CanonicalJson.write(CanonicalJson.fromTree(JSON.readTree(pretty)))).isEqualTo(CanonicalJson.write(value));
        assertThat(CanonicalJson.write(CanonicalJson.fromTree(JSON.readTree("{\"n\": 1.0e2}")))).isEqualTo("{\"n\":100}");
    }

    @Test
    void refusesNumbersItCannotWriteExactly() {
        assertThatThrownBy(() -> CanonicalJson.fromTree(JSON.readTree("{\"n\": 1.5}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.n");
        assertThatThrownBy(() -> CanonicalJson.fromTree(JSON.readTree("{\"n\": 9007199254740992}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("safe integer");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("d", 0.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(9_007_199_254_740_992L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsCanonicalizeToSortedCompactText() {
        SigningKey key = ProvenanceFixtures.newKey();
        ProvenanceRecord record = ProvenanceFixtures.record(key, new byte[] {1, 2, 3}, "image/png");
        String canonical = record.canonical();

        assertThat(canonical).startsWith("{\"accountId\":\"123e4567-e89b-12d3-a456-426614174000\",\"createdAt\":\"2025-11-28T10:00:01.456Z\"")
                .contains("\"seed\":9007199254740991,")
                .endsWith("\"type\":\"atelier.provenance/v1\"}")
                .doesNotContain("\": ").doesNotContain("\", \"").doesNotContain("\n");
        // A parser that sorts and compacts (what any verifier does) reproduces the signed text.
        assertThat(CanonicalJson.write(CanonicalJson.fromTree(JSON.readTree(canonical)))).isEqualTo(canonical);
        assertThat(ProvenanceRecord.fromJson(JSON.readValue(canonical, Map.class))).isEqualTo(record);
    }
}
