package io.atelier.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AspectRatioTest {

    @Test
    void parsesTheRatiosOfTheSeedDocuments() {
        for (String ratio : List.of("1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "21:9", "9:21",
                "1:2", "1:4", "1:8", "2:1", "4:1", "8:1", "9:19.5", "19.5:9")) {
            assertThat(AspectRatio.parse(ratio)).as(ratio).isPresent().get().hasToString(ratio);
        }
        assertThat(AspectRatio.parse("19.5:9").orElseThrow()).extracting(AspectRatio::width, AspectRatio::height).containsExactly(13, 6);
    }

    @Test
    void rejectsMalformedAndExtremeRatios() {
        for (String bad : List.of("", "wide", "16x9", "16:", ":9", "0:1", "1:0", "9:1", "1:9", "1000:1", "-1:1", "1.555:1", "0.00:1")) {
            assertThat(AspectRatio.parse(bad)).as(bad).isEmpty();
        }
        assertThat(AspectRatio.parse(null)).isEmpty();
    }

    @Test
    void sizesHaveExactlyTheRatio() {
        assertThat(AspectRatio.parse("16:9").orElseThrow().sizeForLongSide(1024)).isEqualTo(new ImageSize(1024, 576));
        assertThat(AspectRatio.parse("21:9").orElseThrow().sizeForLongSide(1024)).isEqualTo(new ImageSize(1022, 438));
        assertThat(AspectRatio.parse("8:1").orElseThrow().sizeForLongSide(1024)).isEqualTo(new ImageSize(1024, 128));
        assertThat(AspectRatio.parse("9:16").orElseThrow().sizeForLongSide(2048)).isEqualTo(new ImageSize(1152, 2048));
        assertThat(AspectRatio.of(new ImageSize(1792, 1024))).contains(new AspectRatio(7, 4));
        assertThat(AspectRatio.parse("16:9").orElseThrow().matches(new ImageSize(1792, 1024))).isFalse();
        for (String r : List.of("1:1", "3:2", "4:5", "21:9", "1:4", "9:19.5", "1:8")) {
            AspectRatio ratio = AspectRatio.parse(r).orElseThrow();
            ImageSize size = ratio.sizeForLongSide(1024);
            assertThat(ratio.matches(size)).as(r).isTrue();
        }
    }

    @Test
    void documentedBackendSizesApproximateTheirRatio() {
        AspectRatio wide = AspectRatio.parse("16:9").orElseThrow();
        assertThat(wide.approximates(new ImageSize(1376, 768))).isTrue();
        assertThat(AspectRatio.parse("3:4").orElseThrow().approximates(new ImageSize(864, 1184))).isTrue();
        assertThat(wide.approximates(new ImageSize(1536, 1024))).isFalse();
        assertThat(AspectRatio.SQUARE.approximates(new ImageSize(1024, 1060))).isFalse();
    }

    @Test
    void fixedSizeModelsPickTheClosestRatio() {
        ModelCapabilities caps = new ModelCapabilities(List.of(new ImageSize(1024, 1024), new ImageSize(1536, 1024),
                new ImageSize(1024, 1536)), false, 1536, 10, true, true, false, false, true);
        assertThat(caps.sizeFor(AspectRatio.parse("16:9").orElseThrow(), Resolution.R1K)).isEqualTo(new ImageSize(1536, 1024));
        assertThat(caps.sizeFor(AspectRatio.parse("9:16").orElseThrow(), Resolution.R1K)).isEqualTo(new ImageSize(1024, 1536));
        assertThat(caps.sizeFor(AspectRatio.SQUARE, Resolution.R4K)).isEqualTo(new ImageSize(1024, 1024));
        assertThat(caps.supports(new ImageSize(512, 512))).isFalse();
    }

    @Test
    void anySizeModelsCapTheLongSide() {
        ModelCapabilities caps = new ModelCapabilities(List.of(), true, 2048, 4, false, false, true, true, false);
        assertThat(caps.sizeFor(AspectRatio.SQUARE, Resolution.R4K)).isEqualTo(new ImageSize(2048, 2048));
        assertThat(caps.supports(new ImageSize(2049, 10))).isFalse();
    }
}
