package io.atelier.tools;

import io.atelier.core.storage.ImageUrls;
import io.atelier.core.storage.StoredImage;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * {@link ImageLinks} by {@link ImageUrls}' rule, minus its last resort: a tool call inside an HTTP
 * request (the assistant's API) gets the request's trusted base (the configured public base URL, or
 * the request's host when it is one of {@code atelier.allowed-hosts}); everywhere else (MCP handlers,
 * chat bots, background work) only {@code atelier.public-base-url} counts, never the
 * {@code http://localhost:<port>} that {@link ImageUrls} falls back to outside requests. In stdio
 * mode no web server runs, so there is no link at all.
 */
@Component
class PublicBaseImageLinks implements ImageLinks {

    private final ImageUrls urls;
    private final boolean stdio;

    PublicBaseImageLinks(ImageUrls urls, @Value("${atelier.mcp.stdio:false}") boolean stdio) {
        this.urls = urls;
        this.stdio = stdio;
    }

    @Override
    public Optional<String> absoluteUrl(StoredImage image) {
        if (stdio) {
            return Optional.empty();
        }
        Optional<String> base = RequestContextHolder.getRequestAttributes() != null ? urls.absoluteBase() : urls.configuredBase();
        return base.map(b -> b + ImageUrls.FILES_PATH + image.urlToken() + "." + image.extension());
    }
}
