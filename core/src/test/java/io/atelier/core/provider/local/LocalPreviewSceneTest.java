package io.atelier.core.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPreviewSceneTest {

    @Test
    void themeWordsPickThePalette() {
        assertThat(Scene.read("a quiet sunset", null).theme()).isEqualTo(Theme.SUNSET);
        assertThat(Scene.read("Fox in the SNOW!", null).theme()).isEqualTo(Theme.SNOW);
        assertThat(Scene.read("neon city, neon signs, forest", null).theme()).isEqualTo(Theme.NEON);
        assertThat(Scene.read("a portrait of a cat", null).theme()).isNull();
    }

    @Test
    void elementWordsPickTheLayers() {
        assertThat(Scene.read("mountains by the sea", null).elements())
                .contains(Element.MOUNTAINS, Element.WAVES).doesNotContain(Element.GROUND);
        assertThat(Scene.read("city skyline", null).elements()).contains(Element.SKYLINE);
        assertThat(Scene.read("snowfall", null).elements()).contains(Element.SNOW);
    }

    @Test
    void somethingStandingOnTheHorizonGetsGround() {
        Scene scene = Scene.read("a pine forest", null);

        assertThat(scene.elements()).contains(Element.FOREST);
        assertThat(scene.elements().stream().anyMatch(Element::isFloor)).isTrue();
    }

    @Test
    void negativeWordsRemoveLayers() {
        Scene scene = Scene.read("sunset over the mountains and the sea", "mountains, circles");

        assertThat(scene.elements()).doesNotContain(Element.MOUNTAINS, Element.SUN, Element.BOKEH)
                .contains(Element.WAVES);
    }

    @Test
    void negativeColourWordsRemoveThatHueFromEveryRole() {
        Scene scene = Scene.read("red and orange fire", "red, orange");

        for (long seed = 0; seed < 20; seed++) {
            Palette palette = scene.paletteFor(new SeededRandom(seed));
            int[] roles = {palette.skyTop(), palette.skyMid(), palette.horizon(), palette.sun(), palette.far(),
                palette.near(), palette.ground(), palette.water(), palette.accent()};
            for (int rgb : roles) {
                double[] hsv = Colors.toHsv(rgb);
                boolean saturated = hsv[1] > 0.15 && hsv[2] > 0.1;
                if (saturated) {
                    assertThat(Colors.hueDistance(hsv[0], 0)).as("hue of %06x", rgb).isGreaterThan(30);
                    assertThat(Colors.hueDistance(hsv[0], 28)).as("hue of %06x", rgb).isGreaterThan(30);
                }
            }
        }
    }

    @Test
    void readingIsAPureFunctionOfTheWords() {
        Scene a = Scene.read("A cat, wearing a hat.", null);
        Scene b = Scene.read("a cat wearing a hat", null);

        assertThat(b).isEqualTo(a);
        assertThat(Scene.read("a dog wearing a hat", null).promptHash()).isNotEqualTo(a.promptHash());
    }

    @Test
    void colourWordsWithoutThemeSteerTheGeneratedPalette() {
        double[] sky = Colors.toHsv(Scene.read("blue abstract shapes", null).palette().skyTop());

        assertThat(Colors.hueDistance(sky[0], 220)).isLessThan(10);
    }
}
