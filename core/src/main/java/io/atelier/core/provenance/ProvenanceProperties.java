package io.atelier.core.provenance;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provenance signing ({@code atelier.provenance.*}).
 *
 * <p>Every instance of one deployment must sign with the same key, so that any of them verifies
 * what another signed with the public key it publishes. Either give all instances the same
 * {@code private-key} (e.g. {@code ATELIER_PROVENANCE_PRIVATE_KEY} from a secret store), or point
 * them at the same {@code key-file} on a shared volume (the first instance to start creates it;
 * creation is atomic, so instances starting together still end up with one key).
 *
 * @param keyFile    where the key pair lives; empty = {@code <atelier.data-dir>/provenance-ed25519.pem}.
 *                   Created on first start (mode 0600) when absent and no {@code private-key} is given
 * @param privateKey the Ed25519 private key itself, as PEM ({@code -----BEGIN PRIVATE KEY-----}, as
 *                   written by {@code openssl genpkey -algorithm ed25519}; an optional
 *                   {@code PUBLIC KEY} block may follow) or as bare base64 of the PKCS#8 DER. When
 *                   set, the key file is neither read nor written. Never logged
 */
@ConfigurationProperties("atelier.provenance")
public record ProvenanceProperties(Path keyFile, String privateKey) {

    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    @Override
    public String toString() {
        return "ProvenanceProperties[keyFile=" + keyFile + ", privateKey=" + (hasPrivateKey() ? "****" : "unset") + "]";
    }
}
