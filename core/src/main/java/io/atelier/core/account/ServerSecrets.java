package io.atelier.core.account;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Named random secrets shared by every instance on the database ({@code server_secrets}): made by
 * whichever instance asks first (a concurrent second maker loses on the primary key and reads the
 * winner's), then cached for the life of the process. Secrets never leave the server.
 */
@Service
public class ServerSecrets {

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

    ServerSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The secret called {@code name} (256 random bits), created on first use. */
    public byte[] secret(String name) {
        return cache.computeIfAbsent(name, this::loadOrCreate).clone();
    }

    private byte[] loadOrCreate(String name) {
        String stored = find(name);
        if (stored == null) {
            try {
                jdbc.sql("INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?)")
                        .params(name, Ids.token(32), Timestamps.db(Timestamps.now())).update();
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                // read theirs below
            }
            stored = find(name);
        }
        return Base64.getUrlDecoder().decode(stored);
    }

    private String find(String name) {
        return jdbc.sql("SELECT secret FROM server_secrets WHERE name = ?").param(name).query(String.class).optional().orElse(null);
    }
}
