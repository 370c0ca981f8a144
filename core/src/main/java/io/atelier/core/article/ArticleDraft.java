package io.atelier.core.article;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a client sends to create an article, validated and normalised (trimmed; a blank summary is
 * absent).
 *
 * @throws ArticleValidationException naming the field ({@code title}, {@code keywords[3]} …)
 */
public record ArticleDraft(String title, String summary, List<String> keywords) {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_SUMMARY_LENGTH = 2000;
    public static final int MAX_KEYWORDS = 20;
    public static final int MAX_KEYWORD_LENGTH = 60;

    public ArticleDraft {
        title = title == null ? "" : title.strip();
        if (title.isEmpty()) {
            throw new ArticleValidationException("title", "title is required");
        }
        checkLine("title", title, MAX_TITLE_LENGTH);
        summary = summary == null || summary.isBlank() ? null : summary.strip();
        if (summary != null) {
            if (summary.length() > MAX_SUMMARY_LENGTH) {
                throw new ArticleValidationException("summary", "summary must be at most " + MAX_SUMMARY_LENGTH + " characters");
            }
            for (int i = 0; i < summary.length(); i++) {
                char c = summary.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    throw new ArticleValidationException("summary", "summary must not contain control characters");
                }
            }
        }
        keywords = keywords == null ? List.of() : keywords.stream().map(k -> k == null ? "" : k.strip()).toList();
        if (keywords.size() > MAX_KEYWORDS) {
            throw new ArticleValidationException("keywords", "keywords may hold at most " + MAX_KEYWORDS + " entries, not "
                    + keywords.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keywords.size(); i++) {
            String field = "keywords[" + i + "]";
            if (keywords.get(i).isEmpty()) {
                throw new ArticleValidationException(field, field + " must not be empty");
            }
            checkLine(field, keywords.get(i), MAX_KEYWORD_LENGTH);
            if (!seen.add(keywords.get(i).toLowerCase(Locale.ROOT))) {
                throw new ArticleValidationException(field, field + " repeats '" + keywords.get(i) + "'");
            }
        }
    }

    private static void checkLine(String field, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new ArticleValidationException(field, field + " must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new ArticleValidationException(field, field + " must be one line of text");
            }
        }
    }
}
