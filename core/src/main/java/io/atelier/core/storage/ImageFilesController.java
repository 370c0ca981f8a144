package io.atelier.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
 * Serves image bytes at their unguessable URLs, without an API key.
 *
 * <p>The bytes behind a URL never change (content-addressed), so responses carry a strong ETag
 * (the SHA-256) and may be cached; a deleted generation's URLs answer 404. When the store offers
 * direct downloads (presigned S3 URLs), the answer is a {@code 302} to one instead of the bytes.
 */
@RestController
class ImageFilesController {

    private final ImageRepository images;
    private final ImageStore store;

    ImageFilesController(ImageRepository images, ImageStore store) {
        this.images = images;
        this.store = store;
    }

    @GetMapping(ImageUrls.FILES_PATH + "{file:.+}")
    ResponseEntity<Resource> download(@PathVariable String file,
                                      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        int dot = file.lastIndexOf('.');
        String token = dot > 0 ? file.substring(0, dot) : file;
        if (token.length() < 16 || token.length() > 64) {
            return notFound();
        }
        Optional<StoredImage> image = images.findByToken(token);
        if (image.isEmpty()) {
            return notFound();
        }
        StoredImage found = image.get();
        String etag = "\"" + found.contentHash() + "\"";
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic().getHeaderValue());
        headers.set("X-Content-Type-Options", "nosniff");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        String fileName = found.id() + "." + found.extension();
        Optional<URI> direct = store.directDownloadUrl(found.contentHash(), found.mimeType(), fileName);
        if (direct.isPresent()) {
            // Presigned object-store URL: the client downloads from the store itself. The redirect
            // must not outlive the presigned URL, so it is not cached.
            HttpHeaders redirect = new HttpHeaders();
            redirect.setLocation(direct.get());
            redirect.setETag(etag);
            redirect.setCacheControl(CacheControl.noStore().getHeaderValue());
            redirect.set("X-Content-Type-Options", "nosniff");
            return new ResponseEntity<>(redirect, HttpStatus.FOUND);
        }
        Optional<InputStream> content = store.open(found.contentHash());
        if (content.isEmpty()) {
            return notFound();
        }
        headers.setContentType(MediaType.parseMediaType(found.mimeType()));
        headers.setContentLength(found.fileSize());
        headers.setContentDisposition(ContentDisposition.inline()
                .filename(fileName).build());
        return new ResponseEntity<>(new InputStreamResource(content.get()), headers, HttpStatus.OK);
    }

    private static ResponseEntity<Resource> notFound() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        return new ResponseEntity<>(headers, HttpStatus.NOT_FOUND);
    }
}
