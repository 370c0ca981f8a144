package io.atelier.core.gallery;

import java.util.Objects;

/**
 * Who files a report, as the surface established it, never shown to anyone: a hash of the client
 * address, and a hash of the viewer's signed first-party cookie when the report came from a
 * browser that has one (the JSON API has none).
 *
 * @param address hash of the client address, e.g. {@code ip:5f…}
 * @param viewer  hash of the viewer cookie's id, e.g. {@code v:9c…}, or null
 */
public record Reporter(String address, String viewer) {
    public Reporter {
        Objects.requireNonNull(address, "address");
        viewer = viewer == null || viewer.isBlank() ? null : viewer;
    }

    /** A reporter known by address only. */
    public static Reporter ofAddress(String address) {
        return new Reporter(address, null);
    }
}
