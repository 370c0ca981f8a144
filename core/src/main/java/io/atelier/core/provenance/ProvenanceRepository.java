package io.atelier.core.provenance;

import io.atelier.core.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code provenance_records} and {@code provenance_keys} tables. */
@Repository
class ProvenanceRepository {

    private static final String COLUMNS = "id, team_id, generation_id, image_id, sha256, media_type, permanent_sha256, "
            + "permanent_media_type, permanent_size, embedded, record_json, signature, key_id, created_at";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ProvenanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers a public key once; a concurrent registration by another instance is fine. */
    void registerKey(String keyId, String publicKeyPem, Instant now) {
        if (findKey(keyId).isPresent()) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO provenance_keys (key_id, algorithm, public_key, created_at) VALUES (?, ?, ?, ?)")
                    .params(keyId, Ed25519Keys.ALGORITHM, publicKeyPem, Timestamps.db(now))
                    .update();
        } catch (DuplicateKeyException registeredMeanwhile) {
            // Another instance (same key) registered it between the check and the insert.
        }
    }

    Optional<String> findKey(String keyId) {
        return jdbc.sql("SELECT public_key FROM provenance_keys WHERE key_id = ?").param(keyId).query(String.class).optional();
    }

    List<String> keyIds() {
        return jdbc.sql("SELECT key_id FROM provenance_keys ORDER BY created_at, key_id").query(String.class).list();
    }

    /** Inserts the record; false when the image already has one (the caller then reads that one). */
    boolean insert(SignedProvenance p) {
        ProvenanceRecord r = p.record();
        try {
            jdbc.sql("INSERT INTO provenance_records (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(r.id(), r.teamId(), r.generationId(), r.imageId(), r.sha256(), r.mediaType(), p.permanentSha256(),
                            p.permanentMediaType(), p.permanentSize(), p.embedded(), p.canonicalRecord(), p.signature(),
                            p.keyId(), Timestamps.db(r.createdAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException imageAlreadyAttested) {
            return false;
        }
    }

    Optional<SignedProvenance> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provenance_records WHERE id = ?").param(id)
                .query(ProvenanceRepository::map).optional();
    }

    Optional<SignedProvenance> findByImage(String imageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provenance_records WHERE image_id = ?").param(imageId)
                .query(ProvenanceRepository::map).optional();
    }

    /** The earliest record whose original or permanent bytes have this hash (deterministic models repeat bytes). */
    Optional<SignedProvenance> findFirstBySha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provenance_records WHERE sha256 = ? OR permanent_sha256 = ? "
                        + "ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY")
                .params(sha256, sha256).query(ProvenanceRepository::map).optional();
    }

    /** A record whose permanent bytes have this hash: only such blobs are served at permanent URLs. */
    Optional<SignedProvenance> findByPermanentSha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provenance_records WHERE permanent_sha256 = ? "
                        + "ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY")
                .param(sha256).query(ProvenanceRepository::map).optional();
    }

    private static SignedProvenance map(ResultSet rs, int row) throws SQLException {
        String canonical = rs.getString("record_json");
        ProvenanceRecord record = ProvenanceRecord.fromJson(MAPPER.readValue(canonical, MAP));
        return new SignedProvenance(record, canonical, rs.getString("signature"), rs.getString("key_id"),
                rs.getString("permanent_sha256"), rs.getString("permanent_media_type"), rs.getLong("permanent_size"),
                rs.getBoolean("embedded"));
    }
}
