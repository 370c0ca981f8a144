package io.atelier.core.provenance;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The server's Ed25519 signing key with its public half and id.
 *
 * @param keyId RFC 7638 thumbprint of the public key: what records name as {@code keyId}
 */
record SigningKey(PrivateKey privateKey, PublicKey publicKey, String keyId) {

    static SigningKey of(PrivateKey privateKey, PublicKey publicKey) {
        return new SigningKey(privateKey, publicKey, Ed25519Keys.keyId(publicKey));
    }

    byte[] sign(byte[] message) {
        return Ed25519Keys.sign(privateKey, message);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
