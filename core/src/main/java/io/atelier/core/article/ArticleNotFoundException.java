package io.atelier.core.article;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/** No article with this id belongs to the caller's team (another team's is "not found" too). */
class ArticleNotFoundException extends AtelierException {

    private final String articleId;

    public ArticleNotFoundException(String articleId) {
        super(ErrorKind.NOT_FOUND, "ARTICLE_NOT_FOUND", null, "article " + articleId + " not found");
        this.articleId = articleId;
    }

    public String articleId() {
        return articleId;
    }
}
