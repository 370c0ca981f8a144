package io.atelier.core.provenance;

/**
 * A stored provenance record with its signature, and the permanent image it belongs to.
 *
 * @param record             the attested facts
 * @param canonicalRecord    the exact UTF-8 text that was signed (RFC 8785 canonical JSON of the record)
 * @param signature          standard base64 (with padding) of the 64-byte Ed25519 signature of {@code canonicalRecord}
 * @param keyId              the signing key (RFC 7638 thumbprint), also inside the record
 * @param permanentSha256    SHA-256 of the permanent bytes: the PNG with the provenance chunk, or the
 *                           original bytes when they are not PNG
 * @param permanentMediaType media type of the permanent bytes
 * @param permanentSize      size of the permanent bytes
 * @param embedded           whether the permanent bytes carry the record in a PNG chunk
 */
public record SignedProvenance(
        ProvenanceRecord record,
        String canonicalRecord,
        String signature,
        String keyId,
        String permanentSha256,
        String permanentMediaType,
        long permanentSize,
        boolean embedded) {

    public static final String SIGNATURE_ALGORITHM = "Ed25519";

    public String id() {
        return record.id();
    }

    /** File name extension of the permanent bytes, for their URL. */
    public String permanentExtension() {
        return extensionOf(permanentMediaType);
    }

    /** File name extension for a media type ({@code bin} for anything that is not a known image type). */
    public static String extensionOf(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            case "image/gif" -> "gif";
            case "image/png" -> "png";
            default -> "bin";
        };
    }
}
