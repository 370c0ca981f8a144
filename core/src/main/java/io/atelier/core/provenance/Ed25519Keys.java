package io.atelier.core.provenance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys with the JDK's own provider (no extra crypto library): PEM encoding (PKCS#8
 * {@code PRIVATE KEY}, X.509 {@code PUBLIC KEY}, as {@code openssl genpkey -algorithm ed25519}
 * writes and {@code openssl pkey -pubout} reads), JWK (RFC 8037) and key ids (RFC 7638 JWK
 * thumbprints), signing and verifying.
 */
final class Ed25519Keys {

    static final String ALGORITHM = "Ed25519";

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow (RFC 8410). */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Ed25519Keys() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 provider", e);
        }
    }

    /** The private key's PKCS#8 DER from PEM text ({@code PRIVATE KEY} block) or bare base64. */
    static PrivateKey parsePrivate(String text) {
        byte[] der = pemBlock(text, "PRIVATE KEY");
        if (der == null) {
            der = bareBase64(text, "PRIVATE KEY");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key is not an Ed25519 PKCS#8 key: " + e.getMessage(), e);
        }
    }

    /** The public key from a {@code PUBLIC KEY} PEM block in the text, or null when there is none. */
    static PublicKey parsePublicIfPresent(String text) {
        byte[] der = pemBlock(text, "PUBLIC KEY");
        return der == null ? null : parsePublic(der);
    }

    static PublicKey parsePublic(byte[] x509Der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509Der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static PublicKey parsePublicPem(String pem) {
        byte[] der = pemBlock(pem, "PUBLIC KEY");
        if (der == null) {
            throw new IllegalArgumentException("no PUBLIC KEY PEM block");
        }
        return parsePublic(der);
    }

    private static byte[] pemBlock(String text, String label) {
        Matcher m = PEM_BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the " + label + " PEM block is not valid base64", e);
                }
            }
        }
        return null;
    }

    private static byte[] bareBase64(String text, String label) {
        String compact = text.replaceAll("\\s", "");
        if (compact.isEmpty() || compact.contains("-----")) {
            throw new IllegalArgumentException("no " + label + " PEM block and not bare base64");
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is neither a " + label + " PEM block nor base64 of its DER", e);
        }
    }

    /**
     * The key pair of a private key. The JDK has no public API that computes an Ed25519 public key
     * from a private one, but its generator derives the pair from 32 bytes it draws from the given
     * random source; feeding it the private key's own 32 bytes rebuilds the same pair. The result is
     * checked (same private bytes, and a signature made with it verifies), so a JDK that generated
     * differently would fail loudly here, not sign with a mismatched key.
     */
    static KeyPair pairOf(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key with its 32 key bytes");
        }
        byte[] seed = edec.getBytes().get();
        KeyPair derived;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new ReplayRandom(seed));
            derived = generator.generateKeyPair();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalStateException("could not derive the Ed25519 public key on this JDK; put a PUBLIC KEY PEM block "
                    + "next to the PRIVATE KEY block", e);
        }
        byte[] derivedSeed = ((EdECPrivateKey) derived.getPrivate()).getBytes().orElse(new byte[0]);
        if (!Arrays.equals(seed, derivedSeed) || !matches(privateKey, derived.getPublic())) {
            throw new IllegalStateException("could not derive the Ed25519 public key on this JDK; put a PUBLIC KEY PEM block "
                    + "next to the PRIVATE KEY block");
        }
        return new KeyPair(derived.getPublic(), privateKey);
    }

    /** Whether the public key belongs to the private key (a signature made by one verifies with the other). */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "atelier key pair check".getBytes(StandardCharsets.US_ASCII);
        return verify(publicKey, probe, sign(privateKey, probe));
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message}; never throws for bad input. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException malformed) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification is unavailable", e);
        }
    }

    /** The 32 raw bytes of the public key (the JWK {@code x}). */
    static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != SPKI_PREFIX.length + 32 || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** RFC 7638 thumbprint: base64url(SHA-256 of {@code {"crv":"Ed25519","kty":"OKP","x":"…"}}). */
    static String keyId(PublicKey key) {
        String members = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + URL.encodeToString(raw(key)) + "\"}";
        try {
            return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a JWK (RFC 8037) with its id. */
    static Map<String, Object> jwk(PublicKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", URL.encodeToString(raw(key)));
        jwk.put("kid", keyId(key));
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        return jwk;
    }

    static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** A "random" source that hands out given bytes once: how {@link #pairOf} replays a key's seed. */
    private static final class ReplayRandom extends SecureRandom {
        private final byte[] bytes;
        private boolean used;

        ReplayRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("the key generator asked for other random bytes than the seed");
            }
            used = true;
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
