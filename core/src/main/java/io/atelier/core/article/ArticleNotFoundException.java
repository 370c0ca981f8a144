package io.atelier.core.article;

/** No article with this id belongs to the caller's team (another team's is "not found" too). */
public class ArticleNotFoundException extends RuntimeException {

    private final String articleId;

    public ArticleNotFoundException(String articleId) {
        super("article " + articleId + " not found");
        this.articleId = articleId;
    }

    public String articleId() {
        return articleId;
    }
}
