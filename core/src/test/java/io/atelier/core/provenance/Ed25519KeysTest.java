package io.atelier.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Key encodings and ids against the RFCs' own test vectors. */
class Ed25519KeysTest {

    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 §7.1 TEST 1. */
    private static final String SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String SIGNATURE_OF_EMPTY = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    /** PKCS#8 of the RFC 8032 secret, as openssl writes it (RFC 8410 §7). */
    private static String pkcs8Pem(String secretHex) {
        byte[] der = HEX.parseHex("302e020100300506032b657004220420" + secretHex);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void derivesThePublicKeyOfAPrivateKeyAsRfc8032Does() {
        PrivateKey privateKey = Ed25519Keys.parsePrivate(pkcs8Pem(SECRET));
        KeyPair pair = Ed25519Keys.pairOf(privateKey);

        assertThat(HEX.formatHex(Ed25519Keys.raw(pair.getPublic()))).isEqualTo(PUBLIC);
        assertThat(HEX.formatHex(Ed25519Keys.sign(privateKey, new byte[0]))).isEqualTo(SIGNATURE_OF_EMPTY);
        assertThat(Ed25519Keys.verify(pair.getPublic(), new byte[0], HEX.parseHex(SIGNATURE_OF_EMPTY))).isTrue();
    }

    /** RFC 8037 Appendix A.3: the JWK thumbprint of the RFC 8032 test key. */
    @Test
    void keyIdIsTheRfc7638Thumbprint() {
        PublicKey publicKey = Ed25519Keys.parsePublic(HEX.parseHex("302a300506032b6570032100" + PUBLIC));

        assertThat(Ed25519Keys.keyId(publicKey)).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
        assertThat(Ed25519Keys.jwk(publicKey)).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519")
                .containsEntry("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
                .containsEntry("kid", "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    @Test
    void pemRoundTripsAndBareBase64IsAccepted() {
        KeyPair pair = Ed25519Keys.generate();
        String privatePem = Ed25519Keys.pem(pair.getPrivate());
        String publicPem = Ed25519Keys.pem(pair.getPublic());

        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Ed25519Keys.parsePublicPem(publicPem)).isEqualTo(pair.getPublic());
        assertThat(Ed25519Keys.parsePrivate(privatePem).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        String bare = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        assertThat(Ed25519Keys.pairOf(Ed25519Keys.parsePrivate(bare)).getPublic()).isEqualTo(pair.getPublic());
    }

    @Test
    void badSignaturesAreFalseNotErrors() {
        KeyPair pair = Ed25519Keys.generate();
        byte[] message = {1, 2, 3};
        byte[] signature = Ed25519Keys.sign(pair.getPrivate(), message);

        assertThat(Ed25519Keys.verify(pair.getPublic(), message, signature)).isTrue();
        assertThat(Ed25519Keys.verify(pair.getPublic(), new byte[] {1, 2, 4}, signature)).isFalse();
        assertThat(Ed25519Keys.verify(pair.getPublic(), message, new byte[64])).isFalse();
        assertThat(Ed25519Keys.verify(pair.getPublic(), message, new byte[3])).isFalse();
        assertThat(Ed25519Keys.verify(Ed25519Keys.generate().getPublic(), message, signature)).isFalse();
        assertThat(Ed25519Keys.matches(pair.getPrivate(), Ed25519Keys.generate().getPublic())).isFalse();
    }

    @Test
    void garbageKeysAreRefusedClearly() {
        assertThatThrownBy(() -> Ed25519Keys.parsePrivate("hello world")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519Keys.parsePrivate("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> Ed25519Keys.parsePrivate(Base64.getEncoder().encodeToString(new byte[48])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8");
    }
}
