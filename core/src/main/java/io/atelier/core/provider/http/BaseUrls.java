package io.atelier.core.provider.http;

import java.net.URI;

/** Validates a provider's {@code base-url} property at start-up, without echoing it (it may carry credentials). */
public final class BaseUrls {

    private BaseUrls() {
    }

    /**
     * The URL without trailing slashes.
     *
     * @throws IllegalArgumentException naming {@code property} when the URL is not http(s) with a host,
     *                                  or has credentials, a query or a fragment
     */
    public static String normalize(String property, String value, String example) {
        String url = value == null ? "" : value.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(property + " must be an http(s) URL with a host"
                    + " and no credentials, query or fragment, like " + example);
        }
        return url;
    }
}
