package io.atelier.bot.chat;

import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_describes} table: the prompts a {@code /describe} answered, for its buttons. */
@Repository
class ChatDescribeRepository {

    private final JdbcClient jdbc;

    ChatDescribeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, ChatUser user, List<String> prompts) {
        jdbc.sql("""
                        INSERT INTO chat_describes (id, platform, tenant_id, user_id, prompts_json, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, user.platform().name(), user.tenantId(), user.userId(), Json.write(prompts),
                        Timestamps.db(Timestamps.now()))
                .update();
    }

    Optional<ChatDescribe.Stored> find(String id) {
        return jdbc.sql("SELECT id, platform, tenant_id, user_id, prompts_json FROM chat_describes WHERE id = ?")
                .param(id)
                .query((rs, n) -> new ChatDescribe.Stored(rs.getString("id"), ChatPlatform.valueOf(rs.getString("platform")),
                        rs.getString("tenant_id"), rs.getString("user_id"), Json.readStrings(rs.getString("prompts_json"))))
                .optional();
    }
}
