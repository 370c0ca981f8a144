package io.atelier.core.provenance;

import java.util.Map;

/**
 * The outcome of checking an image or a signed record. Each check is reported on its own so a
 * client can tell a forged signature from edited pixels from an unknown record.
 *
 * @param valid               all checks passed: signature, bytes (when given) and the stored record
 * @param signatureValid      the signature verifies with a key this server has signed with
 * @param sha256Matches       the bytes' SHA-256 (after removing the provenance chunk) equals the
 *                            record's {@code sha256}; null when only a record was given
 * @param storedRecordMatches a record with this id is stored and is exactly the one checked
 * @param embedded            whether the image carried a provenance chunk; null when no image was given
 * @param sha256              SHA-256 of the original bytes as re-derived from the image; null without an image
 * @param keyId               the key the record names
 * @param recordId            the record's id, when one was found
 * @param reason              why it is not valid, or null
 * @param record              the record that was checked (JSON object), or null when none was found
 */
public record Verification(
        boolean valid,
        boolean signatureValid,
        Boolean sha256Matches,
        boolean storedRecordMatches,
        Boolean embedded,
        String sha256,
        String keyId,
        String recordId,
        String reason,
        Map<String, Object> record) {
}
