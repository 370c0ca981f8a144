package io.atelier.core.provenance;

import io.atelier.core.account.Caller;
import io.atelier.core.common.AtelierProperties;
import io.atelier.core.common.Ids;
import io.atelier.core.generation.Generation;
import io.atelier.core.storage.ContentHash;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Provenance records for generated images: signed (Ed25519, the server's key), stored, embedded in
 * PNGs, retrievable by their team and verifiable by anyone.
 *
 * <p>Any surface may call {@link #attest} once an image exists; it is idempotent per image (a
 * second call returns the first record). The format is described in {@link ProvenanceCodec} and
 * {@link ProvenanceRecord}; the key handling in {@link ProvenanceProperties}.
 *
 * <p>Permanence: a record and its permanent image are kept when the generation is deleted. For a
 * PNG the permanent image is a blob of its own (the original plus the provenance chunk); for other
 * formats it is the original blob, which the generation's deletion removes.
 */
@Service
public class ProvenanceService {

    private static final Logger log = LoggerFactory.getLogger(ProvenanceService.class);

    private final ProvenanceRepository repository;
    private final ImageStore store;
    private final SigningKey key;
    private final Map<String, PublicKey> keyCache = new ConcurrentHashMap<>();
    private volatile boolean keyRegistered;

    ProvenanceService(ProvenanceProperties properties, AtelierProperties atelier, ProvenanceRepository repository,
                      ImageStore store) {
        this.repository = repository;
        this.store = store;
        SigningKeyLoader.Loaded loaded = SigningKeyLoader.load(properties, atelier.dataDir());
        this.key = loaded.key();
        keyCache.put(key.keyId(), key.publicKey());
        log.info("provenance: signing with Ed25519 key {} from {}", key.keyId(), loaded.origin());
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerSigningKey() {
        ensureKeyRegistered();
    }

    private void ensureKeyRegistered() {
        if (!keyRegistered) {
            repository.registerKey(key.keyId(), Ed25519Keys.pem(key.publicKey()), Instant.now());
            keyRegistered = true;
        }
    }

    /** The signed record of one stored image, if it has one (the gallery links it from the image's page). */
    public Optional<SignedProvenance> recordOfImage(String imageId) {
        return repository.findByImage(imageId);
    }

    /**
     * Signs and stores the provenance record of one image of a finished generation, and stores its
     * permanent bytes (content-addressed). Idempotent: an image has at most one record.
     *
     * @param accountId the end account the caller attributes the image to, or null
     * @throws IOException when the image's bytes cannot be read or the permanent bytes not stored
     */
    public Attestation attest(Generation generation, StoredImage image, String accountId) throws IOException {
        if (!image.generationId().equals(generation.id()) || !image.teamId().equals(generation.teamId())) {
            throw new IllegalArgumentException("image " + image.id() + " is not an image of generation " + generation.id());
        }
        Optional<SignedProvenance> existing = repository.findByImage(image.id());
        if (existing.isPresent()) {
            return new Attestation(existing.get(), readPermanent(existing.get()));
        }
        byte[] original = readBlob(image.contentHash());
        String sha256 = ContentHash.of(original);
        if (!sha256.equals(image.contentHash())) {
            throw new IOException("stored bytes of image " + image.id() + " do not match their content hash");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String promptUsed = image.revisedPrompt() != null && !image.revisedPrompt().isBlank() ? image.revisedPrompt()
                : generation.asked().prompt();
        ProvenanceRecord record = new ProvenanceRecord(Ids.uuid(), sha256, image.mimeType(),
                generation.asked().originalPrompt(),
                promptUsed, generation.asked().model(), generation.asked().seed(), image.width() + "x"
                + image.height(), generation.teamId(),
                generation.id(), image.id(), accountId, generation.source().wireName(),
                image.createdAt().truncatedTo(ChronoUnit.MILLIS), now, key.keyId());
        Attestation attestation = ProvenanceCodec.attest(key, record, original);
        store.put(attestation.permanentBytes());
        ensureKeyRegistered();
        if (!repository.insert(attestation.provenance())) {
            SignedProvenance first = repository.findByImage(image.id()).orElseThrow(() ->
                    new IllegalStateException("provenance record of image " + image.id() + " vanished"));
            return new Attestation(first, readPermanent(first));
        }
        log.info("provenance record {} signed for image {} of generation {} (embedded: {})", record.id(), image.id(),
                generation.id(), attestation.provenance().embedded());
        return attestation;
    }

    /** The caller's record; another team's, or an id that is not a UUID, is empty. */
    public Optional<SignedProvenance> find(Caller caller, String recordId) {
        if (!Ids.isUuid(recordId)) {
            return Optional.empty();
        }
        return repository.findById(recordId).filter(p -> p.record().teamId().equals(caller.teamId()));
    }

    /**
     * The permanent bytes with this SHA-256, when a record has them: the permanent URL serves
     * nothing else from the blob store.
     */
    public Optional<PermanentImage> openPermanent(String sha256) throws IOException {
        if (!ContentHash.isValid(sha256)) {
            return Optional.empty();
        }
        Optional<SignedProvenance> record = repository.findByPermanentSha256(sha256);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Optional<InputStream> content = store.open(sha256);
        return content.map(in -> new PermanentImage(sha256, record.get().permanentMediaType(), record.get().permanentSize(), in));
    }

    public byte[] readPermanent(SignedProvenance provenance) throws IOException {
        return readBlob(provenance.permanentSha256());
    }

    private byte[] readBlob(String hash) throws IOException {
        Optional<InputStream> in = store.open(hash);
        if (in.isEmpty()) {
            throw new IOException("blob " + hash + " is missing from storage");
        }
        try (InputStream stream = in.get()) {
            return stream.readAllBytes();
        }
    }

    /** Checks image bytes (with or without their provenance chunk). Never throws for odd bytes. */
    public Verification verifyImage(byte[] bytes) {
        return ProvenanceCodec.verifyImage(bytes, lookups());
    }

    /**
     * Checks a record (JSON object, or its canonical text as a JSON string) and its signature.
     *
     * @param keyId optional key id given next to the record; must then equal the record's
     * @throws ProvenanceInputException when the record or signature is malformed
     */
    public Verification verifyRecord(JsonNode record, String signature, String keyId) {
        return ProvenanceCodec.verifyRecord(record, signature, keyId, lookups());
    }

    /** The key new records are signed with. */
    public PublicKeyInfo currentKey() {
        return info(key.keyId(), key.publicKey());
    }

    /** Every key this deployment has signed with, the current one first. */
    public List<PublicKeyInfo> knownKeys() {
        List<PublicKeyInfo> all = new ArrayList<>();
        all.add(currentKey());
        for (String id : repository.keyIds()) {
            if (!id.equals(key.keyId())) {
                publicKey(id).ifPresent(k -> all.add(info(id, k)));
            }
        }
        return all;
    }

    /** Any key this deployment has signed with. */
    public Optional<PublicKeyInfo> key(String keyId) {
        return publicKey(keyId).map(k -> info(keyId, k));
    }

    private PublicKeyInfo info(String keyId, PublicKey publicKey) {
        return new PublicKeyInfo(keyId, Ed25519Keys.ALGORITHM, Ed25519Keys.pem(publicKey), Ed25519Keys.jwk(publicKey),
                keyId.equals(key.keyId()));
    }

    private Optional<PublicKey> publicKey(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        PublicKey cached = keyCache.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PublicKey> stored = repository.findKey(keyId).map(Ed25519Keys::parsePublicPem)
                .filter(k -> Ed25519Keys.keyId(k).equals(keyId));
        stored.ifPresent(k -> keyCache.put(keyId, k));
        return stored;
    }

    private ProvenanceCodec.Lookups lookups() {
        return new ProvenanceCodec.Lookups() {
            @Override
            public Optional<PublicKey> key(String keyId) {
                return publicKey(keyId);
            }

            @Override
            public Optional<SignedProvenance> recordById(String id) {
                return Ids.isUuid(id) ? repository.findById(id) : Optional.empty();
            }

            @Override
            public Optional<SignedProvenance> recordBySha256(String sha256) {
                return repository.findFirstBySha256(sha256);
            }
        };
    }
}
