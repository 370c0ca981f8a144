package io.atelier.core.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * A fetched resource, complete in memory.
 *
 * @param uri       the URL the bytes came from, after redirects
 * @param mediaType the response's media type, lower case, without parameters ({@code image/png})
 * @param bytes     the body, at most the limit that applied
 */
public record FetchedResource(URI uri, String mediaType, byte[] bytes) {

    public FetchedResource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
    }
}
