package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Recoup dialect against its document ({@code recoup-image-generate-api.md}), and the
 * provenance API that replaces the document's Arweave storage and on-chain moment.
 */
class RecoupApiTest extends AppTestSupport {

    private static final String ACCOUNT = "123e4567-e89b-12d3-a456-426614174000";
    private static final String PROMPT = "A vibrant album cover with abstract geometric shapes";

    private static String generatePath(String prompt, String accountId) {
        StringBuilder path = new StringBuilder("/api/image/generate");
        String sep = "?";
        if (prompt != null) {
            path.append(sep).append("prompt=").append(URLEncoder.encode(prompt, StandardCharsets.UTF_8));
            sep = "&";
        }
        if (accountId != null) {
            path.append(sep).append("account_id=").append(URLEncoder.encode(accountId, StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static JsonNode ok(ApiClient.Response r) {
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.json();
    }

    /** The document's example call, every documented field checked for presence and type. */
    @Test
    void conformsToTheDocumentsResponse() throws Exception {
        ApiClient api = newTeam("recoup-conformance", 100);
        ApiClient.Response response = api.get(generatePath(PROMPT, ACCOUNT));
        JsonNode body = ok(response);

        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Cache-Control")).contains("no-store");

        // images: [{base64, mediaType}] (uint8Array is opt-in: atelier.recoup.include-uint8-array)
        assertThat(body.get("images").isArray()).isTrue();
        assertThat(body.get("images")).hasSize(1);
        JsonNode image = body.get("images").get(0);
        assertThat(image.get("base64").isString()).isTrue();
        assertThat(image.get("mediaType").stringValue()).isEqualTo("image/png");
        assertThat(image.has("uint8Array")).isFalse();
        byte[] bytes = Base64.getDecoder().decode(image.get("base64").stringValue());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(1024);
        assertThat(decoded.getHeight()).isEqualTo(1024);

        // warnings: array of strings
        assertThat(body.get("warnings").isArray()).isTrue();
        body.get("warnings").forEach(w -> assertThat(w.isString()).isTrue());

        // responses: [{finishReason}]
        assertThat(body.get("responses")).hasSize(1);
        assertThat(body.at("/responses/0/finishReason").stringValue()).isEqualTo("stop");

        // providerMetadata: {model, size}
        assertThat(body.at("/providerMetadata/model").stringValue()).isEqualTo("local/preview");
        assertThat(body.at("/providerMetadata/size").stringValue()).isEqualTo("1024x1024");

        // usage: integers, completion 0, total = prompt + completion
        JsonNode usage = body.get("usage");
        assertThat(usage.get("promptTokens").isInt()).isTrue();
        assertThat(usage.get("completionTokens").isInt()).isTrue();
        assertThat(usage.get("totalTokens").isInt()).isTrue();
        assertThat(usage.get("promptTokens").intValue()).isEqualTo((PROMPT.length() + 3) / 4);
        assertThat(usage.get("completionTokens").intValue()).isZero();
        assertThat(usage.get("totalTokens").intValue()).isEqualTo(usage.get("promptTokens").intValue());

        // imageUrl: permanent, content-addressed, no key needed, same bytes as base64
        String imageUrl = body.get("imageUrl").stringValue();
        assertThat(imageUrl).startsWith(base() + "/files/provenance/").endsWith(".png");
        ApiClient.Response download = anonymous().getAbsolute(imageUrl, Map.of());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.bytes()).isEqualTo(bytes);
        String sha = imageUrl.substring(imageUrl.lastIndexOf('/') + 1, imageUrl.length() - 4);
        assertThat(ProvenanceProbe.sha256(download.bytes())).isEqualTo(sha);
        assertThat(download.header("ETag")).isEqualTo("\"" + sha + "\"");
        assertThat(download.header("Cache-Control")).contains("immutable");
        assertThat(anonymous().getAbsolute(imageUrl, Map.of("If-None-Match", "\"" + sha + "\"")).status()).isEqualTo(304);

        // arweaveResult and moment have no Atelier counterpart: absent, replaced by provenance
        assertThat(body.has("arweaveResult")).isFalse();
        assertThat(body.has("moment")).isFalse();
        JsonNode provenance = body.get("provenance");
        assertThat(provenance.get("id").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(provenance.get("sha256").stringValue()).matches("[0-9a-f]{64}");
        assertThat(provenance.get("signature").stringValue()).isNotBlank();
        assertThat(provenance.get("signatureAlgorithm").stringValue()).isEqualTo("Ed25519");
        assertThat(provenance.get("publicKeyId").stringValue()).isNotBlank();
        assertThat(provenance.get("embedded").booleanValue()).isTrue();
        assertThat(provenance.get("recordUrl").stringValue()).isEqualTo(base() + "/api/v1/provenance/" + provenance.get("id").stringValue());
        assertThat(provenance.get("verifyUrl").stringValue()).isEqualTo(base() + "/api/v1/provenance/verify");
        assertThat(provenance.get("publicKeyUrl").stringValue()).isEqualTo(base() + "/api/v1/provenance/public-key");
        JsonNode record = provenance.get("record");
        assertThat(record.get("prompt").stringValue()).isEqualTo(PROMPT);
        assertThat(record.get("accountId").stringValue()).isEqualTo(ACCOUNT);
        assertThat(record.get("model").stringValue()).isEqualTo("local/preview");
        assertThat(record.get("size").stringValue()).isEqualTo("1024x1024");
        assertThat(record.get("source").stringValue()).isEqualTo("recoup");
        assertThat(record.get("seed").isIntegralNumber()).isTrue();
        assertThat(record.get("type").stringValue()).isEqualTo("atelier.provenance/v1");
        assertThat(record.get("generationId").stringValue()).isEqualTo(body.get("generationId").stringValue());
    }

    /** The generation is the same object on every surface: the native API shows it with its Recoup source. */
    @Test
    void theGenerationIsVisibleInTheNativeApi() {
        ApiClient api = newTeam("recoup-native", 100);
        JsonNode body = ok(api.get(generatePath("a lighthouse at dusk", ACCOUNT.toUpperCase())));
        String id = body.get("generationId").stringValue();

        JsonNode generation = ok(api.get("/api/v1/generations/" + id)).get("data");
        assertThat(generation.get("source").stringValue()).isEqualTo("recoup");
        assertThat(generation.get("status").stringValue()).isEqualTo("success");
        assertThat(generation.at("/meta/accountId").stringValue()).isEqualTo(ACCOUNT);
        assertThat(generation.get("seed").longValue()).isEqualTo(body.at("/provenance/record/seed").longValue());
        // The record's sha256 is of the generation's own image: the bytes at its ordinary URL.
        assertThat(generation.at("/outputImage/sha256").stringValue()).isEqualTo(body.at("/provenance/sha256").stringValue());
        assertThat(generation.at("/outputImage/id").stringValue()).isEqualTo(body.at("/provenance/record/imageId").stringValue());
    }

    /** The permanent PNG carries the record; an outside verifier checks it with the public key alone, and so does /verify. */
    @Test
    void thePermanentPngCarriesARecordThatVerifies() {
        ApiClient api = newTeam("recoup-verify", 100);
        JsonNode body = ok(api.get(generatePath("a red bicycle on a bridge", ACCOUNT)));
        byte[] png = anonymous().getAbsolute(body.get("imageUrl").stringValue(), Map.of()).bytes();

        // Strip the chunk: the original bytes, whose sha256 the record holds, and which the native API serves.
        ProvenanceProbe.Embedded embedded = ProvenanceProbe.embedded(png);
        JsonNode envelope = ApiClient.JSON.readTree(embedded.text());
        JsonNode record = envelope.get("record");
        assertThat(ProvenanceProbe.sha256(embedded.original())).isEqualTo(record.get("sha256").stringValue());
        JsonNode generation = api.get("/api/v1/generations/" + body.get("generationId").stringValue()).json().get("data");
        byte[] original = anonymous().getAbsolute(generation.at("/outputImage/storageUrl").stringValue(), Map.of()).bytes();
        assertThat(embedded.original()).isEqualTo(original);

        // Offline: the published PEM verifies the signature over the canonical record.
        JsonNode key = ok(anonymous().get("/api/v1/provenance/public-key")).get("data");
        assertThat(envelope.get("keyId").stringValue()).isEqualTo(key.get("keyId").stringValue());
        assertThat(envelope.get("algorithm").stringValue()).isEqualTo("Ed25519");
        PublicKey publicKey = ProvenanceProbe.publicKey(key.get("pem").stringValue());
        String canonical = ProvenanceProbe.canonical(record);
        assertThat(ProvenanceProbe.verifies(publicKey, canonical, envelope.get("signature").stringValue())).isTrue();
        assertThat(key.at("/jwk/kty").stringValue()).isEqualTo("OKP");
        assertThat(key.at("/jwk/kid").stringValue()).isEqualTo(key.get("keyId").stringValue());
        ApiClient.Response pem = anonymous().get("/api/v1/provenance/public-key.pem");
        assertThat(pem.status()).isEqualTo(200);
        assertThat(new String(pem.bytes(), StandardCharsets.US_ASCII)).isEqualTo(key.get("pem").stringValue());

        // The record API (owner) returns the same signed text.
        JsonNode stored = ok(api.get("/api/v1/provenance/" + record.get("id").stringValue())).get("data");
        assertThat(stored.get("canonicalRecord").stringValue()).isEqualTo(canonical);
        assertThat(stored.get("signature").stringValue()).isEqualTo(envelope.get("signature").stringValue());
        assertThat(stored.get("publicKeyId").stringValue()).isEqualTo(key.get("keyId").stringValue());
        assertThat(stored.get("publicKey").stringValue()).isEqualTo(key.get("pem").stringValue());
        assertThat(stored.get("imageUrl").stringValue()).isEqualTo(body.get("imageUrl").stringValue());

        // The verify endpoint: the permanent PNG (multipart and raw), the original bytes, and the record as JSON.
        String verify = base() + "/api/v1/provenance/verify";
        JsonNode byUpload = ok(ProvenanceProbe.postMultipart(verify, "file", "image.png", "image/png", png)).get("data");
        assertThat(byUpload.get("valid").booleanValue()).as(byUpload.toString()).isTrue();
        assertThat(byUpload.get("signatureValid").booleanValue()).isTrue();
        assertThat(byUpload.get("sha256Matches").booleanValue()).isTrue();
        assertThat(byUpload.get("storedRecordMatches").booleanValue()).isTrue();
        assertThat(byUpload.get("embedded").booleanValue()).isTrue();
        assertThat(byUpload.get("recordId").stringValue()).isEqualTo(record.get("id").stringValue());
        assertThat(byUpload.at("/record/prompt").stringValue()).isEqualTo("a red bicycle on a bridge");
        assertThat(ok(ProvenanceProbe.postRaw(verify, "image/png", png)).at("/data/valid").booleanValue()).isTrue();
        JsonNode byOriginal = ok(ProvenanceProbe.postRaw(verify, "application/octet-stream", original)).get("data");
        assertThat(byOriginal.get("valid").booleanValue()).isTrue();
        assertThat(byOriginal.get("embedded").booleanValue()).isFalse();
        JsonNode byRecord = ok(anonymous().post("/api/v1/provenance/verify",
                Map.of("record", record, "signature", envelope.get("signature").stringValue()))).get("data");
        assertThat(byRecord.get("valid").booleanValue()).isTrue();
        assertThat(byRecord.get("sha256Matches").isNull()).isTrue();
        // The record API's own data object can be posted back as it is.
        assertThat(ok(anonymous().post("/api/v1/provenance/verify", stored)).at("/data/valid").booleanValue()).isTrue();

        // Tampered pixels: the signature still holds, the bytes do not.
        byte[] tampered = png.clone();
        tampered[indexOf(png, "IDAT") + 100] ^= 0x40;
        JsonNode edited = ok(ProvenanceProbe.postMultipart(verify, "file", "image.png", "image/png", tampered)).get("data");
        assertThat(edited.get("valid").booleanValue()).isFalse();
        assertThat(edited.get("signatureValid").booleanValue()).isTrue();
        assertThat(edited.get("sha256Matches").booleanValue()).isFalse();
        assertThat(edited.get("reason").stringValue()).contains("modified");

        // Tampered record: the signature fails.
        ObjectNode forged = (ObjectNode) record.deepCopy();
        forged.put("prompt", "a blue bicycle on a bridge");
        JsonNode forgedResult = ok(anonymous().post("/api/v1/provenance/verify",
                Map.of("record", forged, "signature", envelope.get("signature").stringValue()))).get("data");
        assertThat(forgedResult.get("valid").booleanValue()).isFalse();
        assertThat(forgedResult.get("signatureValid").booleanValue()).isFalse();
        assertThat(ProvenanceProbe.verifies(publicKey, ProvenanceProbe.canonical(forged), envelope.get("signature").stringValue())).isFalse();

        // Unknown bytes: a verdict, not an error.
        JsonNode unknown = ok(ProvenanceProbe.postRaw(verify, "application/octet-stream", "hello".getBytes(StandardCharsets.US_ASCII))).get("data");
        assertThat(unknown.get("valid").booleanValue()).isFalse();
        assertThat(unknown.get("reason").stringValue()).contains("no provenance chunk");
    }

    /** "Permanent": deleting the generation removes its ordinary image URL, not the permanent image or its record. */
    @Test
    void thePermanentImageAndRecordOutliveTheGeneration() {
        ApiClient api = newTeam("recoup-permanent", 100);
        JsonNode body = ok(api.get(generatePath("a castle made of glass", ACCOUNT)));
        String generationId = body.get("generationId").stringValue();
        String ordinaryUrl = api.get("/api/v1/generations/" + generationId).json().at("/data/outputImage/storageUrl").stringValue();
        byte[] permanent = anonymous().getAbsolute(body.get("imageUrl").stringValue(), Map.of()).bytes();

        assertThat(api.delete("/api/v1/generations/" + generationId).status()).isEqualTo(200);

        assertThat(anonymous().getAbsolute(ordinaryUrl, Map.of()).status()).isEqualTo(404);
        ApiClient.Response again = anonymous().getAbsolute(body.get("imageUrl").stringValue(), Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bytes()).isEqualTo(permanent);
        assertThat(api.get("/api/v1/provenance/" + body.at("/provenance/id").stringValue()).status()).isEqualTo(200);
        JsonNode verdict = ok(ProvenanceProbe.postRaw(base() + "/api/v1/provenance/verify", "image/png", permanent)).get("data");
        assertThat(verdict.get("valid").booleanValue()).as(verdict.toString()).isTrue();
    }

    @Test
    void anotherTeamsProvenanceRecordIsNotFound() {
        ApiClient owner = newTeam("recoup-owner", 100);
        ApiClient stranger = newTeam("recoup-stranger", 100);
        String id = ok(owner.get(generatePath("mine", ACCOUNT))).at("/provenance/id").stringValue();

        ApiClient.Response theirs = stranger.get("/api/v1/provenance/" + id);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.json().get("success").booleanValue()).isFalse();
        assertThat(theirs.json().at("/error/code").stringValue()).isEqualTo("PROVENANCE_NOT_FOUND");
        assertThat(owner.get("/api/v1/provenance/" + id).status()).isEqualTo(200);
    }

    @Test
    void theSigningKeyIsStoredInTheDataDirForOwnerOnly() throws Exception {
        Path file = dataDir().resolve("provenance-ed25519.pem");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file);
        String pem = ok(anonymous().get("/api/v1/provenance/public-key")).at("/data/pem").stringValue();
        assertThat(content).contains("-----BEGIN PRIVATE KEY-----").contains(pem.strip());
    }

    private record Case(String name, Supplier<ApiClient.Response> request, int status, String mentions) {
    }

    /** Every route, bad input: a 4xx in the route's own error shape, never a 500. */
    @Test
    void badInputIsA4xxInEachRoutesShape() {
        ApiClient api = newTeam("recoup-bad-input", 100);
        ApiClient broke = newTeam("recoup-broke", 0);
        String owned = ok(api.get(generatePath("for the table", ACCOUNT))).at("/provenance/id").stringValue();
        String verify = base() + "/api/v1/provenance/verify";
        JsonNode record = api.get("/api/v1/provenance/" + owned).json().at("/data/record");
        String signature = api.get("/api/v1/provenance/" + owned).json().at("/data/signature").stringValue();
        ObjectNode withoutKeyId = (ObjectNode) record.deepCopy();
        withoutKeyId.remove("keyId");

        List<Case> recoup = List.of(
                new Case("no parameters", () -> api.get("/api/image/generate"), 400, "prompt is required"),
                new Case("no prompt", () -> api.get(generatePath(null, ACCOUNT)), 400, "prompt is required"),
                new Case("blank prompt", () -> api.get(generatePath("   ", ACCOUNT)), 400, "prompt is required"),
                new Case("empty prompt", () -> api.get(generatePath("", ACCOUNT)), 400, "prompt is required"),
                new Case("prompt twice", () -> api.get(generatePath("a", ACCOUNT) + "&prompt=b"), 400, "prompt must be given once"),
                new Case("no account_id", () -> api.get(generatePath("a cat", null)), 400, "account_id is required"),
                new Case("empty account_id", () -> api.get(generatePath("a cat", "")), 400, "account_id is required"),
                new Case("account_id not a uuid", () -> api.get(generatePath("a cat", "acct_42")), 400, "account_id must be a UUID"),
                new Case("account_id almost a uuid", () -> api.get(generatePath("a cat", ACCOUNT + "0")), 400, "account_id must be a UUID"),
                new Case("prompt too long", () -> api.get(generatePath("a".repeat(4001), ACCOUNT)), 400, "prompt"),
                new Case("no key", () -> anonymous().get(generatePath("a cat", ACCOUNT)), 401, "API key"),
                new Case("wrong key", () -> api.withKey("atl_wrong").get(generatePath("a cat", ACCOUNT)), 401, "invalid API key"),
                new Case("no credits", () -> broke.get(generatePath("a cat", ACCOUNT)), 402, "credits"));
        for (Case c : recoup) {
            ApiClient.Response r = c.request().get();
            assertThat(r.status()).as(c.name() + ": " + new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(c.status());
            JsonNode body = r.json();
            assertThat(Set.copyOf(iterableNames(body))).as(c.name()).isEqualTo(Set.of("error"));
            assertThat(body.get("error").isString()).isTrue();
            assertThat(body.get("error").stringValue()).as(c.name()).contains(c.mentions());
        }

        Map<String, Object> recordWithoutKeyId = new LinkedHashMap<>();
        recordWithoutKeyId.put("record", withoutKeyId);
        recordWithoutKeyId.put("signature", signature);
        List<Case> provenance = List.of(
                new Case("record id not a uuid", () -> api.get("/api/v1/provenance/not-a-uuid"), 404, "not found"),
                new Case("unknown record id", () -> api.get("/api/v1/provenance/" + UUID.randomUUID()), 404, "not found"),
                new Case("record without key", () -> anonymous().get("/api/v1/provenance/" + owned), 401, "API key"),
                new Case("verify without content type", () -> ProvenanceProbe.postRaw(verify, null, new byte[] {1}), 415, "Content-Type"),
                new Case("verify as text", () -> ProvenanceProbe.postRaw(verify, "text/plain", "hi".getBytes(StandardCharsets.US_ASCII)), 415, "multipart"),
                new Case("verify with a malformed content type", () -> ProvenanceProbe.postRaw(verify, "no-slash", new byte[] {1}), 415, "malformed"),
                new Case("verify with broken JSON", () -> anonymous().post("/api/v1/provenance/verify", "{not json"), 400, "JSON"),
                new Case("verify with a JSON array", () -> anonymous().post("/api/v1/provenance/verify", "[1]"), 400, "body"),
                new Case("verify without signature", () -> anonymous().post("/api/v1/provenance/verify", Map.of("record", record)), 400, "signature"),
                new Case("verify with a numeric signature", () -> anonymous().post("/api/v1/provenance/verify",
                        Map.of("record", record, "signature", 5)), 400, "signature must be a string"),
                new Case("verify without record", () -> anonymous().post("/api/v1/provenance/verify", Map.of("signature", signature)), 400, "record"),
                new Case("verify with a non-object record", () -> anonymous().post("/api/v1/provenance/verify",
                        Map.of("record", 5, "signature", signature)), 400, "record"),
                new Case("verify with a record lacking keyId", () -> anonymous().post("/api/v1/provenance/verify", recordWithoutKeyId), 400,
                        "record.keyId"),
                new Case("verify with a non-base64 signature", () -> anonymous().post("/api/v1/provenance/verify",
                        Map.of("record", record, "signature", "!!!")), 400, "signature must be base64"),
                new Case("verify with a short signature", () -> anonymous().post("/api/v1/provenance/verify",
                        Map.of("record", record, "signature", "AAAA")), 400, "64-byte"),
                new Case("verify with a duplicate member", () -> anonymous().post("/api/v1/provenance/verify",
                        "{\"signature\":\"a\",\"signature\":\"b\"}"), 400, "JSON"),
                new Case("verify multipart without file", () -> ProvenanceProbe.postMultipart(verify, null, null, null, null), 400, "file"),
                new Case("verify multipart with an empty file", () -> ProvenanceProbe.postMultipart(verify, "file", "x.png", "image/png",
                        new byte[0]), 400, "file is empty"),
                new Case("verify an empty image body", () -> ProvenanceProbe.postRaw(verify, "image/png", new byte[0]), 400, "empty"));
        for (Case c : provenance) {
            ApiClient.Response r = c.request().get();
            assertThat(r.status()).as(c.name() + ": " + new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(c.status());
            JsonNode body = r.json();
            assertThat(body.get("success").booleanValue()).as(c.name()).isFalse();
            assertThat(body.at("/error/code").isString()).as(c.name()).isTrue();
            assertThat(body.at("/error/message").stringValue()).as(c.name()).contains(c.mentions());
        }

        String imageUrl = ok(api.get(generatePath("for the files route", ACCOUNT))).get("imageUrl").stringValue();
        String sha = imageUrl.substring(imageUrl.lastIndexOf('/') + 1, imageUrl.length() - 4);
        for (String file : List.of("0".repeat(64) + ".png", "garbage", "not-a-hash.png", sha + ".jpg", sha, sha.toUpperCase() + ".png")) {
            ApiClient.Response r = anonymous().getAbsolute(base() + "/files/provenance/" + file, Map.of());
            assertThat(r.status()).as(file).isEqualTo(404);
        }
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= haystack.length - n.length; i++) {
            if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
                return i;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    private static List<String> iterableNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
