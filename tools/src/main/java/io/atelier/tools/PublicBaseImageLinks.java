package io.atelier.tools;

import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link ImageLinks} by the rule "absolute URLs come only from {@code atelier.public-base-url}": a
 * tool call has no trustworthy request host of its own (it may run over stdio, in a chat bot's
 * thread or on another instance), so without a configured base there is no link.
 */
@Component
class PublicBaseImageLinks implements ImageLinks {

    private final String base;

    PublicBaseImageLinks(@Value("${atelier.public-base-url:}") String base, @Value("${atelier.mcp.stdio:false}") boolean stdio) {
        // stdio mode runs no web server: a link would point at a server this process is not.
        String trimmed = stdio ? "" : base == null ? "" : base.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.base = trimmed.isEmpty() ? null : trimmed;
    }

    @Override
    public Optional<String> absoluteUrl(StoredImage image) {
        return base == null ? Optional.empty()
                : Optional.of(base + ImageUrls.FILES_PATH + image.urlToken() + "." + image.extension());
    }
}
