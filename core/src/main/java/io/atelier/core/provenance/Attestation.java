package io.atelier.core.provenance;

/**
 * A signed record and the permanent bytes it produced (the PNG with its provenance chunk, or the
 * original bytes when they are not PNG).
 */
public record Attestation(SignedProvenance provenance, byte[] permanentBytes) {
}
