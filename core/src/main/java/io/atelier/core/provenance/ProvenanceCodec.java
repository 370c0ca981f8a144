package io.atelier.core.provenance;

import io.atelier.core.storage.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing, embedding and verifying, without storage: the rules of the provenance format in one
 * place, testable with in-memory keys and records.
 *
 * <p><b>Signing.</b> The signed message is the UTF-8 text of the record's RFC 8785 canonical JSON;
 * the signature is Ed25519 (RFC 8032), sent as standard base64.
 *
 * <p><b>Embedding.</b> For a PNG, the permanent image is the original file with one uncompressed
 * {@code iTXt} chunk inserted immediately before {@code IEND}, keyword {@value #PNG_KEYWORD}, whose
 * text is the canonical JSON of the envelope {@code {"algorithm":"Ed25519","keyId":…,"record":{…},
 * "signature":…}}. The record's {@code sha256} is of the original file, so a verifier removes that
 * chunk (the last before IEND) to get the original bytes back exactly and hashes them. Other
 * formats are not modified: their permanent bytes are the original bytes.
 */
final class ProvenanceCodec {

    static final String PNG_KEYWORD = "atelier:provenance";
    private static final Logger log = LoggerFactory.getLogger(ProvenanceCodec.class);
    /** Duplicate member names are refused: a record must mean one thing to every parser. */
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** What verification needs from the server's memory: keys it signed with and records it stored. */
    interface Lookups {
        Optional<PublicKey> key(String keyId);

        Optional<SignedProvenance> recordById(String id);

        /** The earliest record whose original or permanent bytes have this SHA-256. */
        Optional<SignedProvenance> recordBySha256(String sha256);
    }

    private ProvenanceCodec() {
    }

    /** Signs the record and builds the permanent bytes. */
    static Attestation attest(SigningKey key, ProvenanceRecord record, byte[] original) {
        if (!key.keyId().equals(record.keyId())) {
            throw new IllegalArgumentException("the record names key " + record.keyId() + " but is signed with " + key.keyId());
        }
        String canonical = record.canonical();
        String signature = Base64.getEncoder().encodeToString(key.sign(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] permanent = original;
        boolean embedded = false;
        if (PngTextChunk.isPng(original)) {
            try {
                permanent = PngTextChunk.insert(original, PNG_KEYWORD, envelope(record, signature, key.keyId()));
                embedded = true;
            } catch (PngTextChunk.MalformedPngException e) {
                log.warn("provenance: image {} is not a well-formed PNG ({}); stored without an embedded record",
                        record.imageId(), e.getMessage());
            }
        }
        String mediaType = embedded ? "image/png" : record.mediaType();
        SignedProvenance signed = new SignedProvenance(record, canonical, signature, key.keyId(), ContentHash.of(permanent),
                mediaType, permanent.length, embedded);
        return new Attestation(signed, permanent);
    }

    static String envelope(ProvenanceRecord record, String signature, String keyId) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("algorithm", SignedProvenance.SIGNATURE_ALGORITHM);
        envelope.put("keyId", keyId);
        envelope.put("record", record.toJson());
        envelope.put("signature", signature);
        return CanonicalJson.write(envelope);
    }

    /** Checks image bytes: with a provenance chunk, the embedded record; without one, a stored record with these bytes. */
    static Verification verifyImage(byte[] bytes, Lookups lookups) {
        Optional<PngTextChunk.Found> chunk = Optional.empty();
        String malformed = null;
        if (PngTextChunk.isPng(bytes)) {
            try {
                chunk = PngTextChunk.findLast(bytes, PNG_KEYWORD);
            } catch (PngTextChunk.MalformedPngException e) {
                malformed = e.getMessage();
            }
        }
        if (chunk.isPresent()) {
            byte[] original = PngTextChunk.remove(bytes, chunk.get());
            return verifyEmbedded(chunk.get().text(), ContentHash.of(original), lookups);
        }
        String sha256 = ContentHash.of(bytes);
        Optional<SignedProvenance> stored = lookups.recordBySha256(sha256);
        if (stored.isEmpty()) {
            String reason = malformed != null ? "the file is not a well-formed PNG (" + malformed + ") and matches no record"
                    : "the image carries no provenance chunk and its bytes match no record on this server";
            return new Verification(false, false, false, false, false, sha256, null, null, reason, null);
        }
        SignedProvenance found = stored.get();
        boolean signatureValid = signatureValid(found.canonicalRecord(), found.signature(), found.keyId(), lookups);
        String originalSha = found.record().sha256();
        return new Verification(signatureValid, signatureValid, true, true, false, originalSha, found.keyId(), found.id(),
                signatureValid ? null : "the stored record's signature does not verify with its key", found.record().toJson());
    }

    private static Verification verifyEmbedded(String text, String originalSha256, Lookups lookups) {
        Map<String, Object> envelope;
        try {
            JsonNode tree = STRICT.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("the envelope is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = (Map<String, Object>) CanonicalJson.fromTree(tree);
            envelope = parsed;
        } catch (JacksonException | IllegalArgumentException e) {
            return invalidEmbedded(originalSha256, null, null, "the provenance chunk is not a valid envelope: " + e.getMessage(), null);
        }
        if (!(envelope.get("record") instanceof Map<?, ?> rawRecord) || !(envelope.get("signature") instanceof String signature)) {
            return invalidEmbedded(originalSha256, null, null, "the provenance chunk lacks record or signature", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) rawRecord;
        Object envelopeKeyId = envelope.get("keyId");
        try {
            RecordCheck check = checkRecord(record, signature, envelopeKeyId instanceof String s ? s : null, lookups);
            boolean shaMatches = originalSha256.equals(check.record().sha256());
            String reason = check.reason() != null ? check.reason()
                    : shaMatches ? null : "the image bytes do not match the record's sha256: the image was modified after signing";
            return new Verification(check.signatureValid() && check.storedMatches() && shaMatches, check.signatureValid(),
                    shaMatches, check.storedMatches(), true, originalSha256, check.record().keyId(), check.record().id(),
                    reason, record);
        } catch (ProvenanceInputException e) {
            return invalidEmbedded(originalSha256, null, null, "the embedded record is malformed: " + e.getMessage(), record);
        }
    }

    private static Verification invalidEmbedded(String sha256, String keyId, String recordId, String reason,
                                                Map<String, Object> record) {
        return new Verification(false, false, false, false, true, sha256, keyId, recordId, reason, record);
    }

    /**
     * Checks a record and signature given as JSON (no image).
     *
     * @throws ProvenanceInputException when the record or signature is malformed (not merely wrong)
     */
    static Verification verifyRecord(JsonNode recordJson, String signature, String keyIdHint, Lookups lookups) {
        if (recordJson == null || recordJson.isNull() || recordJson.isMissingNode()) {
            throw new ProvenanceInputException("record", "record is required");
        }
        JsonNode tree = recordJson;
        if (recordJson.isString()) {
            try {
                tree = STRICT.readTree(recordJson.stringValue());
            } catch (JacksonException e) {
                throw new ProvenanceInputException("record", "record is a string but not JSON text");
            }
        }
        if (tree == null || !tree.isObject()) {
            throw new ProvenanceInputException("record", "record must be a JSON object (or its canonical text)");
        }
        Map<String, Object> record;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = (Map<String, Object>) CanonicalJson.fromTree(tree);
            record = parsed;
        } catch (IllegalArgumentException e) {
            throw new ProvenanceInputException("record", e.getMessage().replace("$", "record"));
        }
        RecordCheck check = checkRecord(record, signature, keyIdHint, lookups);
        return new Verification(check.signatureValid() && check.storedMatches(), check.signatureValid(), null,
                check.storedMatches(), null, null, check.record().keyId(), check.record().id(), check.reason(), record);
    }

    private record RecordCheck(ProvenanceRecord record, boolean signatureValid, boolean storedMatches, String reason) {
    }

    private static RecordCheck checkRecord(Map<String, Object> json, String signature, String keyIdHint, Lookups lookups) {
        ProvenanceRecord record;
        try {
            record = ProvenanceRecord.fromJson(json);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = message.contains(" ") ? message.substring(0, message.indexOf(' ')) : "record";
            throw new ProvenanceInputException(field, message);
        }
        byte[] signatureBytes = decodeSignature(signature);
        String canonical = CanonicalJson.write(json);
        Optional<PublicKey> key = lookups.key(record.keyId());
        boolean signatureValid = key.isPresent()
                && Ed25519Keys.verify(key.get(), canonical.getBytes(StandardCharsets.UTF_8), signatureBytes);
        Optional<SignedProvenance> stored = lookups.recordById(record.id());
        boolean storedMatches = stored.isPresent() && stored.get().canonicalRecord().equals(canonical);
        String reason = null;
        if (key.isEmpty()) {
            reason = "the record names key " + record.keyId() + ", which this server has never signed with";
        } else if (keyIdHint != null && !keyIdHint.equals(record.keyId())) {
            reason = "the keyId given (" + keyIdHint + ") is not the record's keyId (" + record.keyId() + ")";
        } else if (!signatureValid) {
            reason = "the signature does not verify: the record or the signature was altered";
        } else if (stored.isEmpty()) {
            reason = "no record with id " + record.id() + " is stored on this server";
        } else if (!storedMatches) {
            reason = "the record differs from the stored record with this id";
        }
        boolean keyConsistent = keyIdHint == null || keyIdHint.equals(record.keyId());
        return new RecordCheck(record, signatureValid && keyConsistent, storedMatches, reason);
    }

    private static byte[] decodeSignature(String signature) {
        if (signature == null || signature.isBlank()) {
            throw new ProvenanceInputException("signature", "signature is required");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new ProvenanceInputException("signature", "signature must be base64");
        }
        if (bytes.length != 64) {
            throw new ProvenanceInputException("signature", "signature must be base64 of the 64-byte Ed25519 signature");
        }
        return bytes;
    }

    private static boolean signatureValid(String canonical, String signature, String keyId, Lookups lookups) {
        Optional<PublicKey> key = lookups.key(keyId);
        try {
            return key.isPresent() && Ed25519Keys.verify(key.get(), canonical.getBytes(StandardCharsets.UTF_8),
                    decodeSignature(signature));
        } catch (ProvenanceInputException e) {
            return false;
        }
    }
}
