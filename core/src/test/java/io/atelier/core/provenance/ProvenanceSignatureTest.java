package io.atelier.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.storage.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Signing, embedding and every way verification must fail. */
class ProvenanceSignatureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SigningKey key = ProvenanceFixtures.newKey();
    private final byte[] original = ProvenanceFixtures.png();
    private final Attestation attestation = ProvenanceCodec.attest(key, ProvenanceFixtures.record(key, original, "image/png"), original);
    private final SignedProvenance signed = attestation.provenance();
    private final ProvenanceFixtures.MemoryLookups lookups = new ProvenanceFixtures.MemoryLookups().key(key).store(signed);

    @Test
    void theSignatureIsEd25519OverTheCanonicalRecordAndVerifiesWithTheJdkAlone() throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(Ed25519Keys.parsePublicPem(Ed25519Keys.pem(key.publicKey())));
        verifier.update(signed.canonicalRecord().getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.verify(Base64.getDecoder().decode(signed.signature()))).isTrue();
        assertThat(signed.canonicalRecord()).isEqualTo(signed.record().canonical());
        assertThat(signed.record().sha256()).isEqualTo(ContentHash.of(original));
    }

    @Test
    void aPngGetsTheEnvelopeEmbeddedAndTheOriginalHashIsRecorded() throws Exception {
        assertThat(signed.embedded()).isTrue();
        assertThat(signed.permanentSha256()).isEqualTo(ContentHash.of(attestation.permanentBytes())).isNotEqualTo(signed.record().sha256());
        PngTextChunk.Found chunk = PngTextChunk.findLast(attestation.permanentBytes(), ProvenanceCodec.PNG_KEYWORD).orElseThrow();
        JsonNode envelope = JSON.readTree(chunk.text());
        assertThat(envelope.get("algorithm").stringValue()).isEqualTo("Ed25519");
        assertThat(envelope.get("keyId").stringValue()).isEqualTo(key.keyId());
        assertThat(envelope.get("signature").stringValue()).isEqualTo(signed.signature());
        assertThat(CanonicalJson.write(CanonicalJson.fromTree(envelope.get("record")))).isEqualTo(signed.canonicalRecord());
        assertThat(ContentHash.of(PngTextChunk.remove(attestation.permanentBytes(), chunk))).isEqualTo(signed.record().sha256());
    }

    @Test
    void thePermanentPngVerifies() {
        Verification v = ProvenanceCodec.verifyImage(attestation.permanentBytes(), lookups);

        assertThat(v.valid()).as(v.reason()).isTrue();
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.sha256Matches()).isTrue();
        assertThat(v.storedRecordMatches()).isTrue();
        assertThat(v.embedded()).isTrue();
        assertThat(v.sha256()).isEqualTo(signed.record().sha256());
        assertThat(v.recordId()).isEqualTo(signed.id());
        assertThat(v.reason()).isNull();
    }

    @Test
    void theOriginalBytesVerifyThroughTheStoredRecord() {
        Verification v = ProvenanceCodec.verifyImage(original, lookups);

        assertThat(v.valid()).isTrue();
        assertThat(v.embedded()).isFalse();
        assertThat(v.recordId()).isEqualTo(signed.id());
    }

    @Test
    void tamperedPixelsFailTheHashButNotTheSignature() throws Exception {
        byte[] tampered = attestation.permanentBytes().clone();
        int idat = indexOf(tampered, "IDAT");
        tampered[idat + 10] ^= 0x20;

        Verification v = ProvenanceCodec.verifyImage(tampered, lookups);
        assertThat(v.valid()).isFalse();
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.sha256Matches()).isFalse();
        assertThat(v.reason()).contains("modified");
    }

    @Test
    void aTamperedRecordFailsTheSignature() {
        ObjectNode record = (ObjectNode) JSON.valueToTree(new TreeMap<>(signed.record().toJson()));
        record.put("prompt", "something else");

        Verification v = ProvenanceCodec.verifyRecord(record, signed.signature(), null, lookups);
        assertThat(v.valid()).isFalse();
        assertThat(v.signatureValid()).isFalse();
        assertThat(v.storedRecordMatches()).isFalse();
        assertThat(v.reason()).contains("signature does not verify");
        assertThat(v.sha256Matches()).isNull();

        Verification untouched = ProvenanceCodec.verifyRecord(JSON.valueToTree(signed.record().toJson()), signed.signature(), null, lookups);
        assertThat(untouched.valid()).as(untouched.reason()).isTrue();
        // The canonical text itself, as a JSON string, is accepted too.
        assertThat(ProvenanceCodec.verifyRecord(JSON.valueToTree(signed.canonicalRecord()), signed.signature(), key.keyId(),
                lookups).valid()).isTrue();
    }

    @Test
    void aTamperedEmbeddedRecordFailsEvenWithValidPixels() throws Exception {
        String envelope = PngTextChunk.findLast(attestation.permanentBytes(), ProvenanceCodec.PNG_KEYWORD).orElseThrow().text();
        String forged = envelope.replace("\"model\":\"local/preview\"", "\"model\":\"openai/gpt-image-1\"");
        assertThat(forged).isNotEqualTo(envelope);
        byte[] reembedded = PngTextChunk.insert(original, ProvenanceCodec.PNG_KEYWORD, forged);

        Verification v = ProvenanceCodec.verifyImage(reembedded, lookups);
        assertThat(v.valid()).isFalse();
        assertThat(v.signatureValid()).isFalse();
        assertThat(v.sha256Matches()).isTrue();
    }

    @Test
    void aSignatureByAnotherKeyFails() {
        SigningKey other = ProvenanceFixtures.newKey();
        String foreignSignature = Base64.getEncoder().encodeToString(other.sign(signed.canonicalRecord().getBytes(StandardCharsets.UTF_8)));

        Verification v = ProvenanceCodec.verifyRecord(JSON.valueToTree(signed.record().toJson()), foreignSignature, null, lookups);
        assertThat(v.signatureValid()).isFalse();
        assertThat(v.valid()).isFalse();

        // The record's key id resolving to a different public key (a server with another key) fails too.
        ProvenanceFixtures.MemoryLookups wrongKey = new ProvenanceFixtures.MemoryLookups().store(signed);
        wrongKey.keys.put(key.keyId(), other.publicKey());
        assertThat(ProvenanceCodec.verifyImage(attestation.permanentBytes(), wrongKey).signatureValid()).isFalse();

        // A key this server never used is named in the reason.
        ProvenanceFixtures.MemoryLookups noKeys = new ProvenanceFixtures.MemoryLookups().store(signed);
        Verification unknown = ProvenanceCodec.verifyImage(attestation.permanentBytes(), noKeys);
        assertThat(unknown.valid()).isFalse();
        assertThat(unknown.reason()).contains(key.keyId()).contains("never signed");

        // A keyId next to the record must be the record's own.
        Verification mismatched = ProvenanceCodec.verifyRecord(JSON.valueToTree(signed.record().toJson()), signed.signature(),
                other.keyId(), lookups);
        assertThat(mismatched.valid()).isFalse();
        assertThat(mismatched.reason()).contains("keyId");
    }

    @Test
    void aValidlySignedRecordThatIsNotStoredIsNotValid() {
        ProvenanceFixtures.MemoryLookups empty = new ProvenanceFixtures.MemoryLookups().key(key);

        Verification v = ProvenanceCodec.verifyImage(attestation.permanentBytes(), empty);
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.sha256Matches()).isTrue();
        assertThat(v.storedRecordMatches()).isFalse();
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("no record");
    }

    @Test
    void unknownBytesAreReportedNotThrown() throws Exception {
        Verification v = ProvenanceCodec.verifyImage("hello".getBytes(StandardCharsets.US_ASCII), lookups);
        assertThat(v.valid()).isFalse();
        assertThat(v.embedded()).isFalse();
        assertThat(v.reason()).contains("no provenance chunk");

        byte[] truncated = Arrays.copyOf(attestation.permanentBytes(), 40);
        Verification broken = ProvenanceCodec.verifyImage(truncated, lookups);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.reason()).contains("not a well-formed PNG");

        byte[] garbageEnvelope = PngTextChunk.insert(original, ProvenanceCodec.PNG_KEYWORD, "{not json");
        Verification garbage = ProvenanceCodec.verifyImage(garbageEnvelope, lookups);
        assertThat(garbage.valid()).isFalse();
        assertThat(garbage.embedded()).isTrue();
        assertThat(garbage.reason()).contains("not a valid envelope");
    }

    @Test
    void malformedRequestsAreInputErrorsNamingTheField() {
        JsonNode record = JSON.valueToTree(signed.record().toJson());
        assertThatThrownBy(() -> ProvenanceCodec.verifyRecord(record, "not base64 !", null, lookups))
                .isInstanceOf(ProvenanceInputException.class).extracting("field").isEqualTo("signature");
        assertThatThrownBy(() -> ProvenanceCodec.verifyRecord(record, Base64.getEncoder().encodeToString(new byte[63]), null, lookups))
                .isInstanceOf(ProvenanceInputException.class).hasMessageContaining("64-byte");
        ObjectNode noKey = (ObjectNode) record.deepCopy();
        noKey.remove("keyId");
        assertThatThrownBy(() -> ProvenanceCodec.verifyRecord(noKey, signed.signature(), null, lookups))
                .isInstanceOf(ProvenanceInputException.class).extracting("field").isEqualTo("record.keyId");
        ObjectNode badSeed = (ObjectNode) record.deepCopy();
        badSeed.put("seed", "7");
        assertThatThrownBy(() -> ProvenanceCodec.verifyRecord(badSeed, signed.signature(), null, lookups))
                .isInstanceOf(ProvenanceInputException.class).extracting("field").isEqualTo("record.seed");
        assertThatThrownBy(() -> ProvenanceCodec.verifyRecord(JSON.valueToTree(Map.of("a", 1.5)), signed.signature(), null, lookups))
                .isInstanceOf(ProvenanceInputException.class).extracting("field").isEqualTo("record");
        assertThatThrownBy(() -> ProvenanceCodec.verifyRecord(JSON.valueToTree(5), signed.signature(), null, lookups))
                .isInstanceOf(ProvenanceInputException.class).extracting("field").isEqualTo("record");
    }

    @Test
    void otherFormatsAreNotModifiedButStillSigned() {
        byte[] jpeg = ProvenanceFixtures.encode(ProvenanceFixtures.picture(16, 16), "jpg");
        Attestation jpg = ProvenanceCodec.attest(key, ProvenanceFixtures.record(key, jpeg, "image/jpeg"), jpeg);

        assertThat(jpg.provenance().embedded()).isFalse();
        assertThat(jpg.permanentBytes()).isEqualTo(jpeg);
        assertThat(jpg.provenance().permanentSha256()).isEqualTo(ContentHash.of(jpeg));
        assertThat(jpg.provenance().permanentMediaType()).isEqualTo("image/jpeg");
        Verification v = ProvenanceCodec.verifyImage(jpeg, new ProvenanceFixtures.MemoryLookups().key(key).store(jpg.provenance()));
        assertThat(v.valid()).isTrue();
    }

    @Test
    void aRecordNamingAnotherKeyIsNotSigned() {
        SigningKey other = ProvenanceFixtures.newKey();
        assertThatThrownBy(() -> ProvenanceCodec.attest(other, ProvenanceFixtures.record(key, original, "image/png"), original))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }
}
