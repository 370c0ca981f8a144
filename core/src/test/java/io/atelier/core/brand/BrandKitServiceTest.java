package io.atelier.core.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The brand clause: format, determinism, and the length budget. */
class BrandKitServiceTest {

    private final BrandKitService service = new BrandKitService(null);

    private static final BrandKit KIT = new BrandKit(
            List.of(new BrandColor("#1E3A8A", "navy"), new BrandColor("#f97316", null), new BrandColor("#FFF", "white")),
            List.of("minimal", "flat vector"));

    @Test
    void appendsPaletteAndStyleAfterTheSentence() {
        assertThat(service.applyTo("a lighthouse at dusk", KIT)).isEqualTo(
                "a lighthouse at dusk. Brand palette: #1e3a8a (navy), #f97316, #ffffff (white); style: minimal, flat vector");
        assertThat(service.applyTo("A lighthouse at dusk.", KIT))
                .startsWith("A lighthouse at dusk. Brand palette: #1e3a8a (navy)");
        assertThat(service.applyTo("fox", new BrandKit(List.of(), List.of("watercolour")))).isEqualTo("fox. Style: watercolour");
        assertThat(service.applyTo("fox", BrandKit.EMPTY)).isEqualTo("fox");
        assertThat(service.applyTo("fox", KIT)).isEqualTo(service.applyTo("fox", KIT));
    }

    @Test
    void shrinksTheClauseThenThePromptToStayWithinTheBudget() {
        String prompt = "a lighthouse at dusk";
        String full = service.applyTo(prompt, KIT);
        for (int budget = full.length(); budget >= 1; budget--) {
            String fitted = service.applyTo(prompt, KIT, budget);
            assertThat(fitted.length()).as("budget %d: %s", budget, fitted).isLessThanOrEqualTo(budget);
        }
        // Style words go first, then colours from the end; the first colour stays longest.
        String noStyle = service.applyTo(prompt, KIT, full.length() - "; style: minimal, flat vector".length());
        assertThat(noStyle).endsWith("#ffffff (white)").doesNotContain("style:");
        assertThat(service.applyTo(prompt, KIT, prompt.length() + 2 + "Brand palette: #1e3a8a (navy)".length()))
                .isEqualTo("a lighthouse at dusk. Brand palette: #1e3a8a (navy)");
        // No room next to the whole prompt: the prompt is cut at a word boundary, the palette kept.
        String longPrompt = "word ".repeat(300).strip();
        String cut = service.applyTo(longPrompt, KIT, 200);
        assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith("Brand palette: #1e3a8a (navy)").startsWith("word word");
    }

    @Test
    void validatesColoursAndWords() {
        assertThatThrownBy(() -> new BrandColor("blue", null)).isInstanceOf(BrandKitValidationException.class)
                .hasMessageStartingWith("hex must be a colour");
        assertThatThrownBy(() -> new BrandColor("#12345", null)).isInstanceOf(BrandKitValidationException.class);
        assertThatThrownBy(() -> new BrandColor("#123456", "x".repeat(41))).hasMessageStartingWith("name must be at most 40");
        assertThatThrownBy(() -> new BrandKit(List.of(new BrandColor("#abc", null), new BrandColor("#AABBCC", null)), List.of()))
                .hasMessageStartingWith("colors[1].hex repeats #aabbcc");
        assertThatThrownBy(() -> new BrandKit(List.of(), List.of("ok", "bad;word")))
                .isInstanceOf(BrandKitValidationException.class)
                .extracting(e -> ((BrandKitValidationException) e).field()).isEqualTo("styleWords[1]");
        assertThatThrownBy(() -> new BrandKit(List.of(), java.util.Collections.nCopies(13, "w")))
                .hasMessageStartingWith("styleWords may hold at most 12");
    }
}
