package io.atelier.core.api.gallery;

import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
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
 * boundary, a file name with NUL, met when the studio's form object is bound from every parameter) or a
 * query that is not UTF-8 is the client's fault: 400 in plain text, not Spring Boot's 500 page. The
 * failure is told by the shared translation; the pages word an unreadable form their own way.
 */
@RestControllerAdvice(basePackages = {"io.atelier.core.api.gallery", "io.atelier.core.api.studio"})
class GalleryPagesExceptionHandler {

    @ExceptionHandler({MultipartException.class, InvalidFileNameException.class, InvalidParameterException.class})
    ResponseEntity<String> unreadableForm(Exception e) {
        AtelierException refusal = ApiErrors.translate(e, "the pages");
        String text = refusal.sharedCode() == ErrorCode.QUERY_NOT_UTF8 ? refusal.getMessage()
                : "the form could not be read: send it as application/x-www-form-urlencoded";
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body(text);
    }
}
