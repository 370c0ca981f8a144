package io.atelier.core.provenance;

import java.util.Map;

/**
 * A provenance public key as published.
 *
 * @param keyId     RFC 7638 JWK thumbprint (base64url SHA-256), what records name as {@code keyId}
 * @param algorithm always {@code Ed25519}
 * @param pem       X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----})
 * @param jwk       the key as an RFC 8037 JWK ({@code kty OKP, crv Ed25519, x, kid, use sig, alg EdDSA})
 * @param current   whether this server signs new records with it
 */
public record PublicKeyInfo(String keyId, String algorithm, String pem, Map<String, Object> jwk, boolean current) {
}
