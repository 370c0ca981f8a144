package io.atelier.core.storage;

import java.io.IOException;
import java.io.InputStream;
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
 * (the SHA-256) and may be cached; a deleted generation's URLs answer 404.
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
        Optional<InputStream> content = store.open(found.contentHash());
        if (content.isEmpty()) {
            return notFound();
        }
        headers.setContentType(MediaType.parseMediaType(found.mimeType()));
        headers.setContentLength(found.fileSize());
        headers.setContentDisposition(ContentDisposition.inline()
                .filename(found.id() + "." + found.extension()).build());
        return new ResponseEntity<>(new InputStreamResource(content.get()), headers, HttpStatus.OK);
    }

    private static ResponseEntity<Resource> notFound() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        return new ResponseEntity<>(headers, HttpStatus.NOT_FOUND);
    }
}
