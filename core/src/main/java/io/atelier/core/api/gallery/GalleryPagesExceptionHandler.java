package io.atelier.core.api.gallery;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * The gallery, moderation and studio pages read form fields; a multipart body that cannot be parsed (no
 * boundary, a file name with NUL) or a query that is not UTF-8 is the client's fault: 400 in plain text,
 * not Spring Boot's 500 page.
 */
@RestControllerAdvice(basePackages = {"io.atelier.core.api.gallery", "io.atelier.core.api.studio"})
class GalleryPagesExceptionHandler {

    @ExceptionHandler
    ResponseEntity<String> multipart(MultipartException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body("the form could not be read: send it as application/x-www-form-urlencoded");
    }

    /** A part's file name with a NUL, met when a form object is bound from every parameter (the studio's form). */
    @ExceptionHandler
    ResponseEntity<String> badFileName(InvalidFileNameException e) {
        return multipart(null);
    }

    @ExceptionHandler
    ResponseEntity<String> undecodable(InvalidParameterException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body("the query string or form is not valid UTF-8 after percent-decoding");
    }
}
