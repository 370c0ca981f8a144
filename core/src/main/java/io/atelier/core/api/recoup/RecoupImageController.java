package io.atelier.core.api.recoup;

import io.atelier.core.routing.ModelHeader;
import io.atelier.core.account.Caller;
import io.atelier.core.api.ProvenanceUrls;
import io.atelier.core.api.SubmitAndWait;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.provenance.Attestation;
import io.atelier.core.provenance.ProvenanceService;
import io.atelier.core.provenance.SignedProvenance;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recoup's {@code GET /api/image/generate?prompt&account_id}: generates one image synchronously and
 * answers with the document's {@code ImageGenerationResponse}.
 *
 * <p>The document's Arweave storage and In Process "moment" become Atelier's permanent,
 * content-addressed image URL ({@code imageUrl}) and a signed provenance record
 * ({@code provenance}); {@code arweaveResult} and {@code moment} are not sent, since there is no
 * Arweave transaction or on-chain mint to describe. {@code images[].base64} holds the same bytes
 * as {@code imageUrl}: the PNG with its provenance chunk.
 *
 * <p>The wait holds no thread: the response is built when the generation ends (or at
 * {@code atelier.recoup.timeout}, then 504 with the {@code generationId}; the generation goes on).
 */
@RestController
class RecoupImageController {

    static final String PATH = "/api/image/generate";
    /** Recoup's generation ends normally; the AI SDK's vocabulary for that is "stop". */
    static final String FINISH_REASON = "stop";
    /** Failures caused by the prompt itself: the client's to fix, so 400 rather than 5xx. */
    private static final Set<String> PROMPT_REFUSED = Set.of("CONTENT_POLICY_VIOLATION", "PROVIDER_BAD_REQUEST");
    /** Failures where the provider did not answer in time. */
    private static final Set<String> PROVIDER_TIMEOUT = Set.of("PROVIDER_TIMEOUT", "TIMEOUT", "GENERATION_TIMEOUT");

    private final SubmitAndWait submitAndWait;
    private final ProvenanceService provenance;
    private final ProvenanceUrls urls;
    private final RecoupProperties properties;

    RecoupImageController(SubmitAndWait submitAndWait, ProvenanceService provenance, ProvenanceUrls urls,
                          RecoupProperties properties) {
        this.submitAndWait = submitAndWait;
        this.provenance = provenance;
        this.urls = urls;
        this.properties = properties;
    }

    @GetMapping(PATH)
    CompletableFuture<ResponseEntity<Map<String, Object>>> generate(Caller caller,
                                                                   @RequestParam MultiValueMap<String, String> params) {
        String prompt = single(params, "prompt");
        if (prompt == null || prompt.isBlank()) {
            throw RecoupException.badRequest("prompt is required");
        }
        String accountId = single(params, "account_id");
        if (accountId == null || accountId.isBlank()) {
            throw RecoupException.badRequest("account_id is required");
        }
        if (!Ids.isUuid(accountId.strip())) {
            throw RecoupException.badRequest("account_id must be a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000");
        }
        String account = accountId.strip().toLowerCase(Locale.ROOT);
        Map<String, Object> asGiven = new LinkedHashMap<>();
        asGiven.put("prompt", prompt);
        asGiven.put("account_id", accountId);
        GenerationRequest request = GenerationRequest.builder(GenerationSource.RECOUP)
                .prompt(prompt)
                .meta(Map.of("accountId", account))
                .requestAsGiven(asGiven)
                .build();
        return submitAndWait.answerWhenEnded(caller, request, properties.timeout(),
                (submitted, ended) -> respond(submitted.id(), ended, account));
    }

    /** A parameter given at most once; twice is ambiguous and refused. */
    private static String single(MultiValueMap<String, String> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw RecoupException.badRequest(name + " must be given once");
        }
        return values.getFirst();
    }

    private ResponseEntity<Map<String, Object>> respond(String id, Generation g, String accountId) {
        if (g == null) {
            throw new RecoupException(HttpStatus.NOT_FOUND, "generation " + id + " was deleted before it finished");
        }
        return switch (g.status()) {
            case SUCCEEDED -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(ModelHeader.NAME,
                    g.asked().model())
                    .body(success(g, accountId));
            // As the other dialects: the prompt's fault is 400, a provider's is 502, a provider that
            // timed out is 504; a canceled generation is 409 (someone canceled it on purpose).
            case FAILED -> throw new RecoupException(failureStatus(g.outcome().errorCode()), "image generation failed: "
                    + g.outcome().errorMessage() + " (" + g.outcome().errorCode() + ")", Map.of("generationId", g.id(),
                    "code",
                    g.outcome().errorCode() == null ? "GENERATION_FAILED" : g.outcome().errorCode()));
            case CANCELED -> throw new RecoupException(HttpStatus.CONFLICT,
                    "generation " + g.id() + " was canceled before it finished",
                    Map.of("generationId", g.id(), "code", "GENERATION_CANCELED"));
            case QUEUED, PROCESSING -> throw new RecoupException(HttpStatus.GATEWAY_TIMEOUT,
                    "the image is not ready after " + properties.timeout().toSeconds() + " s; generation " + g.id()
                            + " goes on: GET /api/v1/generations/" + g.id() + " shows it",
                    Map.of("generationId", g.id()));
        };
    }

    static HttpStatus failureStatus(String errorCode) {
        if (errorCode == null) {
            return HttpStatus.BAD_GATEWAY;
        }
        if (PROMPT_REFUSED.contains(errorCode)) {
            return HttpStatus.BAD_REQUEST;
        }
        return PROVIDER_TIMEOUT.contains(errorCode) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
    }

    private Map<String, Object> success(Generation g, String accountId) {
        List<Map<String, Object>> images = new ArrayList<>();
        SignedProvenance first = null;
        for (StoredImage image : g.outcome().images()) {
            Attestation attestation;
            try {
                attestation = provenance.attest(g, image, accountId);
            } catch (IOException e) {
                throw new UncheckedIOException("could not attest image " + image.id(), e);
            }
            if (first == null) {
                first = attestation.provenance();
            }
            images.add(image(attestation, properties.includeUint8Array()));
        }
        if (first == null) {
            throw new IllegalStateException("generation " + g.id() + " succeeded without images");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", images);
        out.put("warnings", g.outcome().warnings());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("finishReason", FINISH_REASON);
        response.put("modelId", g.asked().model());
        response.put("timestamp", Timestamps.iso(g.timing().completedAt()));
        out.put("responses", List.of(response));
        Map<String, Object> providerMetadata = new LinkedHashMap<>();
        providerMetadata.put("model", g.asked().model());
        providerMetadata.put("size", g.asked().width() + "x" + g.asked().height());
        out.put("providerMetadata", providerMetadata);
        out.put("usage", usage(g.asked().originalPrompt()));
        out.put("imageUrl", urls.permanentImageUrl(first));
        out.put("provenance", provenance(first));
        out.put("generationId", g.id());
        return out;
    }

    /** One {@code GeneratedImage}: the permanent bytes (with the provenance chunk) as base64, and as byte values if asked. */
    static Map<String, Object> image(Attestation attestation, boolean includeUint8Array) {
        Map<String, Object> out = new LinkedHashMap<>();
        byte[] bytes = attestation.permanentBytes();
        out.put("base64", Base64.getEncoder().encodeToString(bytes));
        if (includeUint8Array) {
            int[] values = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = bytes[i] & 0xFF;
            }
            out.put("uint8Array", values);
        }
        out.put("mediaType", attestation.provenance().permanentMediaType());
        return out;
    }

    private Map<String, Object> provenance(SignedProvenance p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("sha256", p.record().sha256());
        out.put("signature", p.signature());
        out.put("signatureAlgorithm", SignedProvenance.SIGNATURE_ALGORITHM);
        out.put("publicKeyId", p.keyId());
        out.put("record", p.record().toJson());
        out.put("embedded", p.embedded());
        out.put("recordUrl", urls.recordUrl(p.id()));
        out.put("verifyUrl", urls.verifyUrl());
        out.put("publicKeyUrl", urls.publicKeyUrl());
        return out;
    }

    /**
     * Image models bill no completion tokens, and providers do not report prompt tokens for image
     * calls; the prompt count is the usual estimate of one token per four characters (at least 1).
     */
    static Map<String, Object> usage(String prompt) {
        int characters = prompt.codePointCount(0, prompt.length());
        int promptTokens = Math.max(1, (characters + 3) / 4);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("promptTokens", promptTokens);
        out.put("completionTokens", 0);
        out.put("totalTokens", promptTokens);
        return out;
    }
}
