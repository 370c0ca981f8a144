package io.atelier.core.api.v0;

import io.atelier.core.routing.ModelHeader;
import io.atelier.core.api.BodyLimit;
import io.atelier.core.api.SubmitAndWait;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.storage.ImageUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The v0 dialect's generations: {@code POST /v0/images/generations} as JSON or multipart (preset
 * file requirements), {@code GET /v0/images/generations/{jobId}}.
 *
 * <p>Sync by default: the answer waits (no thread blocks) up to {@code atelier.v0.sync-timeout}
 * (180 s), then 504 {@code {error, jobId, hint}} while the job keeps running; {@code ?async=true|1}
 * answers at once with {@code queued}. {@code response_format=url|b64_json|both} and
 * {@code include_base64=true|1} choose how images are given, on the sync answer and on polls.
 */
@RestController
@RequestMapping("/v0/images/generations")
class V0GenerationsController {

    private final GenerationService generations;
    private final SubmitAndWait submitAndWait;
    private final PresetService presets;
    private final V0RequestMapper mapper;
    private final V0Views views;
    private final ImageUrls urls;
    private final Duration syncTimeout;

    V0GenerationsController(GenerationService generations, SubmitAndWait submitAndWait, PresetService presets,
                            V0RequestMapper mapper, V0Views views, ImageUrls urls, V0Properties properties) {
        this.generations = generations;
        this.submitAndWait = submitAndWait;
        this.presets = presets;
        this.mapper = mapper;
        this.views = views;
        this.urls = urls;
        this.syncTimeout = properties.syncTimeout();
    }

    // A POST without a body matches every "consumes" (Spring skips that check when there is no body), so
    // this, the multipart route and V0MethodGuardController tied and Spring answered 500 "ambiguous
    // handler". The header condition below always holds; it only makes this route the more specific one,
    // so a body-less POST gets this route's 400 naming the missing prompt.
    // JSON may carry refImageBase64 (up to atelier.v0.max-reference-image-size each, base64).
    @BodyLimit("${atelier.v0.max-json-body:72MB}")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, headers = "!X-Atelier-Unused")
    CompletableFuture<ResponseEntity<Map<String, Object>>> createFromJson(
            Caller caller,
            @RequestBody(required = false) JsonNode body,
            @RequestParam(value = "async", required = false) String async,
            @RequestParam(value = "response_format", required = false) String responseFormat,
            @RequestParam(value = "include_base64", required = false) String includeBase64) {
        V0Views.Format format = V0Views.Format.of(responseFormat, includeBase64);
        boolean isAsync = V0Flags.flag("async", async);
        return run(caller, mapper.toRequest(caller, body, Map.of(), List.of()), isAsync, format);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    CompletableFuture<ResponseEntity<Map<String, Object>>> createFromMultipart(
            Caller caller,
            HttpServletRequest request,
            @RequestParam(value = "async", required = false) String async,
            @RequestParam(value = "response_format", required = false) String responseFormat,
            @RequestParam(value = "include_base64", required = false) String includeBase64) {
        V0Views.Format format = V0Views.Format.of(responseFormat, includeBase64);
        boolean isAsync = V0Flags.flag("async", async);
        V0Multipart.Parsed parsed = V0Multipart.read(request, caller.teamId(), presets);
        return run(caller, mapper.toRequest(caller, parsed.body(), parsed.files(), parsed.filesAsGiven()), isAsync, format);
    }

    @GetMapping("/{jobId}")
    Map<String, Object> get(Caller caller, @PathVariable String jobId,
                            @RequestParam(value = "response_format", required = false) String responseFormat,
                            @RequestParam(value = "include_base64", required = false) String includeBase64) {
        V0Views.Format format = V0Views.Format.of(responseFormat, includeBase64);
        return Map.of("data", views.generation(generations.get(caller, jobId), urls.base(), format));
    }

    private CompletableFuture<ResponseEntity<Map<String, Object>>> run(Caller caller, GenerationRequest request,
                                                                       boolean async, V0Views.Format format) {
        if (async) {
            return submitAndWait.answerWhenEnded(caller, request, Duration.ZERO, (submitted, ended) ->
                    ResponseEntity.ok().header(ModelHeader.NAME, submitted.asked().model()).body(Map.of("data",
                    views.queued(submitted))));
        }
        return submitAndWait.answerWhenEnded(caller, request, syncTimeout, (submitted, g) -> {
            if (g == null) {
                throw new GenerationNotFoundException(submitted.id());
            }
            return g.status().isTerminal()
                    ? ResponseEntity.ok().header(ModelHeader.NAME, g.asked().model())
                            .body(Map.<String, Object>of("data", views.generation(g, urls.base(), format)))
                    : ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).header(ModelHeader.NAME,
                    g.asked().model()).body(Map.<String, Object>of(
                            "error", "Generation timed out after " + syncTimeout.toSeconds() + "s",
                            "jobId", g.id(),
                            "hint", "GET /v0/images/generations/" + g.id() + " to check status"));
        });
    }
}
