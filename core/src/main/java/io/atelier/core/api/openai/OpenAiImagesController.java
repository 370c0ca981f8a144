package io.atelier.core.api.openai;

import io.swagger.v3.oas.annotations.Hidden;
import io.atelier.core.account.Caller;
import io.atelier.core.api.SubmitAndWait;
import io.atelier.core.api.openai.OpenAiRequestMapper.Kind;
import io.atelier.core.api.openai.OpenAiRequestMapper.PreparedRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Images API over the one generation service: {@code POST /v1/images/generations} (JSON)
 * and {@code POST /v1/images/edits} (multipart). Like OpenAI, both answer when the images exist:
 * the request is submitted (source {@code openai}), then its (virtual) thread waits until the
 * generation ends or {@code atelier.openai-compat.max-wait} passes (then 504 naming the generation,
 * which keeps running). An {@code Idempotency-Key} header makes a retried request wait for the same generation.
 */
@RestController
class OpenAiImagesController {

    private final SubmitAndWait submitAndWait;
    private final OpenAiRequestMapper mapper;
    private final OpenAiImagesView view;
    private final Duration maxWait;

    OpenAiImagesController(SubmitAndWait submitAndWait, OpenAiRequestMapper mapper, OpenAiImagesView view,
                           OpenAiCompatProperties properties) {
        this.submitAndWait = submitAndWait;
        this.mapper = mapper;
        this.view = view;
        this.maxWait = properties.maxWait();
    }

    @PostMapping("/v1/images/generations")
    ResponseEntity<OpenAiWire.ImagesResponse> generate(
            Caller caller,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        if (body == null || !body.isObject()) {
            throw OpenAiApiException.invalid(null, "invalid_json",
                    "The request body must be a JSON object with the image parameters.");
        }
        PreparedRequest prepared = mapper.prepare(Kind.GENERATION, RequestParameters.json(body), null, idempotencyKey);
        return run(caller, prepared);
    }

    @PostMapping("/v1/images/edits")
    ResponseEntity<OpenAiWire.ImagesResponse> edit(
            Caller caller,
            HttpServletRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            throw OpenAiApiException.invalid(null, "invalid_content_type", "Invalid Content-Type header ("
                    + request.getContentType() + "): image edits must be sent as multipart/form-data.");
        }
        EditUpload upload = EditUpload.read(multipart);
        RequestParameters fields = RequestParameters.form(EditUpload.textFields(multipart));
        PreparedRequest prepared = mapper.prepare(Kind.EDIT, fields, upload, idempotencyKey);
        return run(caller, prepared);
    }

    /** The routes exist only for POST; other methods get OpenAI's error shape rather than a bare 405 page. */
    @Hidden // not an operation of the API description
    @RequestMapping(path = {"/v1/images/generations", "/v1/images/edits"},
            method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<Void> otherMethods(HttpServletRequest request) {
        throw OpenAiApiException.builder(HttpStatus.METHOD_NOT_ALLOWED, "Invalid method for URL ("
                + request.getMethod() + " " + request.getRequestURI() + "): use POST.")
                .code("method_not_allowed").header("Allow", "POST").build();
    }

    /**
     * Submits and waits for the end on this request's thread: request threads are virtual
     * ({@code spring.threads.virtual.enabled}), so a wait parks only this request, and the answer is
     * written in the same dispatch (an asynchronous one would run the whole filter chain again).
     */
    private ResponseEntity<OpenAiWire.ImagesResponse> run(Caller caller, PreparedRequest prepared) {
        return submitAndWait.answerHere(caller, prepared.request(), maxWait, (submitted, finished) -> {
            if (finished == null) {
                throw OpenAiApiException.builder(HttpStatus.NOT_FOUND, "The generation " + submitted.id()
                        + " was deleted before it finished.").code("not_found").noRetry().build();
            }
            return view.render(finished, prepared, maxWait);
        });
    }
}
