package io.atelier.core.article;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/** An article the service will not store; {@link #field()} names the field, the message starts with it. */
class ArticleValidationException extends AtelierException {

    public ArticleValidationException(String field, String message) {
        super(ErrorCode.VALIDATION_ERROR, field, message, null);
    }
}
