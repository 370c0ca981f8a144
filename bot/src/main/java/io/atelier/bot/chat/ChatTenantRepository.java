package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_tenants} table: which Atelier team a guild or workspace acts as. */
@Repository
class ChatTenantRepository {

    private final JdbcClient jdbc;

    ChatTenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the tenant already has a team */
    void insert(ChatPlatform platform, String tenantId, String teamId, String name) {
        jdbc.sql("INSERT INTO chat_tenants (platform, tenant_id, team_id, name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(platform.name(), tenantId, teamId, name, Timestamps.db(Timestamps.now()))
                .update();
    }

    Optional<String> findTeam(ChatPlatform platform, String tenantId) {
        return jdbc.sql("SELECT team_id FROM chat_tenants WHERE platform = ? AND tenant_id = ?")
                .params(platform.name(), tenantId)
                .query(String.class)
                .optional();
    }

    /**
     * The tenant's team id, its row locked until the surrounding transaction ends
     * ({@code SELECT ... FOR UPDATE}, the same on PostgreSQL and H2); empty when it has none.
     */
    Optional<String> lockTeam(ChatPlatform platform, String tenantId) {
        return jdbc.sql("SELECT team_id FROM chat_tenants WHERE platform = ? AND tenant_id = ? FOR UPDATE")
                .params(platform.name(), tenantId)
                .query(String.class)
                .optional();
    }
}
