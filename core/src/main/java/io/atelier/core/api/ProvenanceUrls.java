package io.atelier.core.api;

import io.atelier.core.provenance.SignedProvenance;
import io.atelier.core.storage.ImageUrls;
import org.springframework.stereotype.Component;

/**
 * Absolute URLs of provenance resources, on the same base as image URLs ({@link ImageUrls#base()}).
 *
 * <p>The permanent image URL is content-addressed: {@code <base>/files/provenance/<sha256>.<ext>},
 * where the hash is that of the bytes served, so anyone can check what they downloaded.
 */
@Component
public class ProvenanceUrls {

    public static final String API_PATH = "/api/v1/provenance";
    public static final String PERMANENT_FILES_PATH = "/files/provenance/";

    private final ImageUrls imageUrls;

    ProvenanceUrls(ImageUrls imageUrls) {
        this.imageUrls = imageUrls;
    }

    public String permanentImageUrl(SignedProvenance provenance) {
        return base() + PERMANENT_FILES_PATH + provenance.permanentSha256() + "." + provenance.permanentExtension();
    }

    public String recordUrl(String recordId) {
        return base() + API_PATH + "/" + recordId;
    }

    public String verifyUrl() {
        return base() + API_PATH + "/verify";
    }

    public String publicKeyUrl() {
        return base() + API_PATH + "/public-key";
    }

    private String base() {
        return imageUrls.base();
    }
}
