package io.atelier.core.api.provenance;

import io.atelier.core.api.ProvenanceUrls;
import io.atelier.core.provenance.PublicKeyInfo;
import io.atelier.core.provenance.SignedProvenance;
import io.atelier.core.provenance.Verification;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** JSON shapes of the provenance API, inside the native envelope {@code {success, data}}. */
@Component
class ProvenanceViews {

    private final ProvenanceUrls urls;

    ProvenanceViews(ProvenanceUrls urls) {
        this.urls = urls;
    }

    /** A signed record with everything needed to verify it offline. */
    public Map<String, Object> signedRecord(SignedProvenance p, PublicKeyInfo key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("record", p.record().toJson());
        out.put("canonicalRecord", p.canonicalRecord());
        out.put("signature", p.signature());
        out.put("signatureAlgorithm", SignedProvenance.SIGNATURE_ALGORITHM);
        out.put("publicKeyId", p.keyId());
        out.put("publicKey", key == null ? null : key.pem());
        out.put("sha256", p.record().sha256());
        out.put("imageUrl", urls.permanentImageUrl(p));
        out.put("imageSha256", p.permanentSha256());
        out.put("imageMediaType", p.permanentMediaType());
        out.put("embedded", p.embedded());
        out.put("recordUrl", urls.recordUrl(p.id()));
        out.put("verifyUrl", urls.verifyUrl());
        out.put("publicKeyUrl", urls.publicKeyUrl());
        return out;
    }

    static Map<String, Object> key(PublicKeyInfo key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", key.keyId());
        out.put("algorithm", key.algorithm());
        out.put("current", key.current());
        out.put("pem", key.pem());
        out.put("jwk", key.jwk());
        return out;
    }

    static Map<String, Object> verification(Verification v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", v.valid());
        out.put("signatureValid", v.signatureValid());
        out.put("sha256Matches", v.sha256Matches());
        out.put("storedRecordMatches", v.storedRecordMatches());
        out.put("embedded", v.embedded());
        out.put("sha256", v.sha256());
        out.put("keyId", v.keyId());
        out.put("recordId", v.recordId());
        out.put("reason", v.reason());
        out.put("record", v.record());
        return out;
    }

    static Map<String, Object> ok(Object data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("data", data);
        return out;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", false);
        out.put("error", error);
        return out;
    }
}
