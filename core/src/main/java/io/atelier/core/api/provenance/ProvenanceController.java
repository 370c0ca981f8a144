package io.atelier.core.api.provenance;

import io.atelier.core.api.ProvenanceUrls;
import io.atelier.core.api.BodyLimit;
import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import io.atelier.core.error.ErrorKind;
import io.atelier.core.provenance.ProvenanceService;
import io.atelier.core.provenance.PublicKeyInfo;
import io.atelier.core.provenance.SignedProvenance;
import io.atelier.core.provenance.Verification;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provenance API ({@code /api/v1/provenance}), in the native envelope.
 *
 * <ul>
 *   <li>{@code GET /{recordId}} (API key; another team's record is 404): the signed record, its
 *       signature, key and permanent image URL;</li>
 *   <li>{@code GET /public-key} and {@code /public-key.pem} (public): the signing key as JSON
 *       (PEM and JWK, plus every earlier key) or as a PEM file;</li>
 *   <li>{@code POST /verify} (public): an image (multipart {@code file}, or the raw bytes as
 *       {@code image/*} / {@code application/octet-stream}) or a signed record as JSON
 *       {@code {record, signature, keyId?}} → each check's outcome. A verdict, valid or not, is 200;
 *       only a malformed request is 4xx.</li>
 * </ul>
 */
@RestController
@RequestMapping(ProvenanceUrls.API_PATH)
class ProvenanceController {

    /** Largest image accepted as a raw body (multipart uploads have Spring's own limit). */
    static final int MAX_IMAGE_BYTES = 32 * 1024 * 1024;
    static final int MAX_JSON_BYTES = 1024 * 1024;
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ProvenanceService provenance;
    private final ProvenanceViews views;

    ProvenanceController(ProvenanceService provenance, ProvenanceViews views) {
        this.provenance = provenance;
        this.views = views;
    }

    @GetMapping("/public-key")
    @PublicEndpoint
    Map<String, Object> publicKey() {
        Map<String, Object> data = ProvenanceViews.key(provenance.currentKey());
        data.put("keys", provenance.knownKeys().stream().map(PublicKeyInfo::jwk).toList());
        return ProvenanceViews.ok(data);
    }

    @GetMapping(value = "/public-key.pem")
    @PublicEndpoint
    ResponseEntity<String> publicKeyPem() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .body(provenance.currentKey().pem());
    }

    @GetMapping("/{recordId}")
    Map<String, Object> get(Caller caller, @PathVariable String recordId) {
        SignedProvenance found = provenance.find(caller, recordId)
                .orElseThrow(() -> new ProvenanceNotFoundException(recordId));
        return ProvenanceViews.ok(views.signedRecord(found, provenance.key(found.keyId()).orElse(null)));
    }

    @PostMapping("/verify")
    @PublicEndpoint
    @BodyLimit("33MB") // an image up to MAX_IMAGE_BYTES, as raw bytes or one multipart part
    Map<String, Object> verify(HttpServletRequest request) throws IOException {
        MediaType type = contentType(request);
        Verification verdict;
        if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
            verdict = provenance.verifyImage(uploadedFile(request));
        } else if (MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json")) {
            verdict = verifyJson(readBody(request, MAX_JSON_BYTES));
        } else if (type.getType().equals("image") || MediaType.APPLICATION_OCTET_STREAM.includes(type)) {
            byte[] bytes = readBody(request, MAX_IMAGE_BYTES);
            if (bytes.length == 0) {
                throw new JsonFieldException("body", "the request body is empty; send the image bytes");
            }
            verdict = provenance.verifyImage(bytes);
        } else {
            throw new UnsupportedBodyException("send the image as multipart/form-data (field file), as image/* or "
                    + "application/octet-stream bytes, or a signed record as application/json");
        }
        return ProvenanceViews.ok(ProvenanceViews.verification(verdict));
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null || header.isBlank()) {
            throw new UnsupportedBodyException("a Content-Type is required: multipart/form-data, image/*, "
                    + "application/octet-stream or application/json");
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedBodyException("the Content-Type is malformed: " + e.getMessage());
        }
    }

    private static byte[] uploadedFile(HttpServletRequest request) throws IOException {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("file");
        if (file == null) {
            throw new JsonFieldException("file", "file is required: the image to verify as a multipart file field");
        }
        if (file.isEmpty()) {
            throw new JsonFieldException("file", "file is empty");
        }
        return file.getBytes();
    }

    private Verification verifyJson(byte[] body) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new JsonFieldException("body", "request body is not valid JSON");
        }
        JsonBody json = JsonBody.of(tree);
        String signature = json.requiredString("signature");
        String keyId = json.string("keyId").orElse(null);
        if (!json.has("record")) {
            throw new JsonFieldException("record", "record is required");
        }
        return provenance.verifyRecord(tree.get("record"), signature, keyId);
    }

    private static byte[] readBody(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return bytes;
        }
    }

    /** No record with this id belongs to the caller's team. */
    static final class ProvenanceNotFoundException extends AtelierException {
        ProvenanceNotFoundException(String id) {
            super(ErrorKind.NOT_FOUND, "PROVENANCE_NOT_FOUND", null, "provenance record " + id + " not found");
        }
    }

    /** The verify body is of a type it does not take: 415. */
    static final class UnsupportedBodyException extends AtelierException {
        UnsupportedBodyException(String message) {
            super(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, message, null);
        }
    }

    /** The body is larger than the route takes: 413. */
    static final class BodyTooLargeException extends AtelierException {
        BodyTooLargeException(int limit) {
            super(ErrorCode.PAYLOAD_TOO_LARGE, null, "the request body is larger than " + (limit / (1024 * 1024)) + " MB", null);
        }
    }
}
