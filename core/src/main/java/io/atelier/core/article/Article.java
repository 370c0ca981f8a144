package io.atelier.core.article;

import java.time.Instant;
import java.util.List;

/**
 * An article of a team: the text a featured image is made for (Cuppa's bulk images).
 *
 * @param id        UUID
 * @param teamId    owner
 * @param title     1–{@value ArticleDraft#MAX_TITLE_LENGTH} characters, one line
 * @param summary   optional, up to {@value ArticleDraft#MAX_SUMMARY_LENGTH} characters; null when absent
 * @param keywords  up to {@value ArticleDraft#MAX_KEYWORDS} keywords, in the given order
 * @param createdAt when created
 */
public record Article(String id, String teamId, String title, String summary, List<String> keywords, Instant createdAt) {

    public Article {
        keywords = List.copyOf(keywords);
    }
}
