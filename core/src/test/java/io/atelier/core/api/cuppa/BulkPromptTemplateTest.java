package io.atelier.core.api.cuppa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.article.Article;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkPromptTemplateTest {

    private static final Article ARTICLE = new Article("a", "t", "Ten tips for sourdough", "Bake better bread at home",
            List.of("bread", "baking"), Instant.EPOCH);

    @Test
    void substitutesTheThreeFields() {
        BulkPromptTemplate template = BulkPromptTemplate.parse("Hero for {{title}} — {{ summary }} [{{keywords}}]");
        assertThat(template.render(ARTICLE, 1000))
                .isEqualTo("Hero for Ten tips for sourdough — Bake better bread at home [bread, baking]");
        Article bare = new Article("b", "t", "Title", null, List.of(), Instant.EPOCH);
        assertThat(template.render(bare, 1000)).isEqualTo("Hero for Title —  []");
    }

    @Test
    void refusesUnknownAndMalformedPlaceholders() {
        assertThatThrownBy(() -> BulkPromptTemplate.parse("{{author}}")).isInstanceOf(CuppaApiException.class)
                .hasMessageContaining("unknown placeholder {{author}}");
        assertThatThrownBy(() -> BulkPromptTemplate.parse("{{title}")).hasMessageContaining("malformed placeholder");
        assertThatThrownBy(() -> BulkPromptTemplate.parse("x".repeat(1001))).hasMessageContaining("at most 1000");
    }

    @Test
    void theDefaultWritesAFeaturedImagePromptAndFitsLongSummaries() {
        assertThat(BulkPromptTemplate.DEFAULT.render(ARTICLE, 1000)).isEqualTo(
                "Featured image for the article \"Ten tips for sourdough\". Bake better bread at home. "
                        + "Themes: bread, baking. Editorial illustration without text.");
        Article longOne = new Article("c", "t", "Long", "lorem ipsum ".repeat(200), List.of("x"), Instant.EPOCH);
        String prompt = BulkPromptTemplate.DEFAULT.render(longOne, 300);
        assertThat(prompt).hasSizeLessThanOrEqualTo(300).endsWith("Themes: x. Editorial illustration without text.");
    }
}
