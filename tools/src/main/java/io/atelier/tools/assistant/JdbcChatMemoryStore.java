package io.atelier.tools.assistant;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.atelier.core.common.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Conversation memory in the application's database (table {@code assistant_memory}), so a
 * conversation survives restarts and continues on any instance. Memory ids are
 * {@link AssistantService#memoryId strings} that start with the team id.
 *
 * <p>Concurrent turns of one conversation: the last write wins (a conversation is one user typing).
 */
@Component
class JdbcChatMemoryStore implements ChatMemoryStore {

    private final JdbcClient jdbc;

    JdbcChatMemoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return jdbc.sql("SELECT messages_json FROM assistant_memory WHERE memory_id = ?")
                .param(memoryId.toString())
                .query(String.class)
                .optional()
                .map(ChatMessageDeserializer::messagesFromJson)
                .orElseGet(List::of);
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String id = memoryId.toString();
        String json = ChatMessageSerializer.messagesToJson(messages);
        OffsetDateTime now = Timestamps.db(Instant.now());
        int updated = jdbc.sql("UPDATE assistant_memory SET messages_json = ?, updated_at = ? WHERE memory_id = ?")
                .params(json, now, id).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO assistant_memory (memory_id, team_id, messages_json, updated_at) VALUES (?, ?, ?, ?)")
                        .params(id, AssistantService.teamOf(id), json, now).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("UPDATE assistant_memory SET messages_json = ?, updated_at = ? WHERE memory_id = ?")
                        .params(json, now, id).update();
            }
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        jdbc.sql("DELETE FROM assistant_memory WHERE memory_id = ?").param(memoryId.toString()).update();
    }
}
