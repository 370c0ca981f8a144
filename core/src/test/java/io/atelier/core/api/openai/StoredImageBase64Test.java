package io.atelier.core.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The streamed {@code b64_json}: exactly {@code Base64.getEncoder()}'s text, across block boundaries. */
class StoredImageBase64Test {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void imagesOfEverySizeAroundTheBlockAreEncodedExactly() {
        for (int size : new int[] {0, 1, 2, 3, 49_151, 49_152, 49_153, 250_001}) {
            byte[] image = new byte[size];
            new Random(size).nextBytes(image);

            String written = json.writeValueAsString(Map.of("b64_json", new StoredImageBase64(new ByteArrayInputStream(image))));

            String text = json.readTree(written).get("b64_json").stringValue();
            assertThat(text).as("size %d", size).isEqualTo(Base64.getEncoder().encodeToString(image));
        }
    }
}
