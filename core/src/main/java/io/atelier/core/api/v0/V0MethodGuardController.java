package io.atelier.core.api.v0;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Wrong methods and content types on the v0 routes, answered in v0's {@code {error}} shape: Spring
 * reports those before any v0 handler is chosen, so the package's exception handler would never see
 * them. These mappings are the least specific ones and match only what no real route does.
 */
@RestController
@Hidden // not operations of the API description
class V0MethodGuardController {

    /** A POST that is neither JSON nor multipart (the real routes declare what they consume). */
    @PostMapping("/v0/images/generations")
    ResponseEntity<Void> unsupportedContentType(HttpServletRequest request) {
        throw new V0HttpException(415, "Content-Type must be application/json or multipart/form-data, not "
                + (request.getContentType() == null ? "none" : request.getContentType()), null);
    }

    @RequestMapping(path = "/v0/images/generations",
            method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<Void> generationsMethod(HttpServletRequest request) {
        throw notAllowed(request, "POST");
    }

    @RequestMapping(path = {"/v0/images/generations/{jobId}", "/v0/images/library", "/v0/images/library/{imageId}",
            "/v0/images/library/{imageId}/download", "/v0/usage"},
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<Void> readOnlyMethod(HttpServletRequest request) {
        throw notAllowed(request, "GET");
    }

    private static V0HttpException notAllowed(HttpServletRequest request, String allowed) {
        return new V0HttpException(405, request.getMethod() + " is not allowed on " + request.getRequestURI()
                + "; use " + allowed, allowed);
    }
}
