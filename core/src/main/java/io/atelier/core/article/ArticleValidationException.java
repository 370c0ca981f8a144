package io.atelier.core.article;

/** An article the service will not store; {@link #field()} names the field, the message starts with it. */
public class ArticleValidationException extends RuntimeException {

    private final String field;

    public ArticleValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
