package io.atelier.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonBody body(String json) {
        return JsonBody.of(JSON.readTree(json));
    }

    @Test
    void readsValuesOfTheRightType() {
        JsonBody b = body("{\"s\":\"x\",\"i\":3,\"l\":9007199254740991,\"b\":true,\"o\":{\"t\":\"y\"},\"n\":null}");
        assertThat(b.string("s")).contains("x");
        assertThat(b.integer("i", 1, 10)).contains(3);
        assertThat(b.longInteger("l", 0, Long.MAX_VALUE)).contains(9007199254740991L);
        assertThat(b.bool("b")).contains(true);
        assertThat(b.object("o").flatMap(o -> o.string("t"))).contains("y");
        assertThat(b.string("n")).isEmpty();
        assertThat(b.string("absent")).isEmpty();
    }

    @Test
    void neverCoercesAndNamesTheField() {
        assertThatThrownBy(() -> body("{\"s\":1}").string("s")).isInstanceOf(JsonFieldException.class)
                .hasMessage("s must be a string").extracting("field").isEqualTo("s");
        assertThatThrownBy(() -> body("{\"i\":\"3\"}").integer("i", 0, 9)).hasMessage("i must be an integer");
        assertThatThrownBy(() -> body("{\"i\":3.5}").integer("i", 0, 9)).hasMessage("i must be an integer");
        assertThatThrownBy(() -> body("{\"i\":30}").integer("i", 0, 9)).hasMessage("i must be between 0 and 9");
        assertThatThrownBy(() -> body("{\"i\":1e40}").longInteger("i", 0, 9)).hasMessage("i must be an integer");
        assertThatThrownBy(() -> body("{\"b\":\"true\"}").bool("b")).hasMessage("b must be true or false");
        assertThatThrownBy(() -> body("{\"o\":{\"t\":1}}").object("o").get().string("t"))
                .extracting("field").isEqualTo("o.t");
        assertThatThrownBy(() -> body("{\"p\":\"  \"}").requiredString("p")).hasMessage("p is required");
        assertThatThrownBy(() -> JsonBody.of((JsonNode) null)).extracting("field").isEqualTo("body");
        assertThatThrownBy(() -> body("\"text\"")).extracting("field").isEqualTo("body");
    }
}
