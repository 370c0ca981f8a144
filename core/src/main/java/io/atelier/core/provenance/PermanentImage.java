package io.atelier.core.provenance;

import java.io.InputStream;

/** The permanent bytes of a provenance record, opened for reading; the caller closes the stream. */
public record PermanentImage(String sha256, String mediaType, long size, InputStream content) {

    /** The file name of the permanent URL: {@code <sha256>.<ext>}. */
    public String fileName() {
        return sha256 + "." + SignedProvenance.extensionOf(mediaType);
    }
}
