package io.atelier.core.api.provenance;

import io.atelier.core.api.ProvenanceUrls;
import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.provenance.PermanentImage;
import io.atelier.core.provenance.ProvenanceService;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves permanent images at {@code /files/provenance/<sha256>.<ext>}, without an API key. The
 * path names the SHA-256 of the bytes served, so the URL is content-addressed and the response
 * immutable. Only blobs that a provenance record names as its permanent image are served: knowing
 * some other blob's hash gives nothing.
 */
@RestController
@PublicEndpoint
class PermanentImageController {

    private final ProvenanceService provenance;

    PermanentImageController(ProvenanceService provenance) {
        this.provenance = provenance;
    }

    @GetMapping(ProvenanceUrls.PERMANENT_FILES_PATH + "{file:.+}")
    ResponseEntity<Resource> download(@PathVariable String file,
                                      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        int dot = file.indexOf('.');
        String sha256 = dot > 0 ? file.substring(0, dot) : file;
        Optional<PermanentImage> image = provenance.openPermanent(sha256);
        if (image.isEmpty() || !image.get().fileName().equals(file)) {
            if (image.isPresent()) {
                image.get().content().close();
            }
            HttpHeaders headers = new HttpHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            return new ResponseEntity<>(headers, HttpStatus.NOT_FOUND);
        }
        PermanentImage found = image.get();
        String etag = "\"" + sha256 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            found.content().close();
            return new ResponseEntity<>(headers(etag), HttpStatus.NOT_MODIFIED);
        }
        HttpHeaders headers = headers(etag);
        headers.setContentType(MediaType.parseMediaType(found.mediaType()));
        headers.setContentLength(found.size());
        headers.setContentDisposition(ContentDisposition.inline().filename(file).build());
        return new ResponseEntity<>(new InputStreamResource(found.content()), headers, HttpStatus.OK);
    }

    private static HttpHeaders headers(String etag) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable().getHeaderValue());
        headers.set("X-Content-Type-Options", "nosniff");
        return headers;
    }
}
