package io.atelier.app;

import static io.atelier.app.ScriptedChatModel.call;
import static io.atelier.app.ScriptedChatModel.lastToolJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/assistant/chat} with an LLM configured (a scripted chat model as the
 * application's {@link ChatModel}): tool calls, conversation memory per key in the database,
 * the system prompt, and the bound on tool calls.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/assistant",
        "atelier.assistant.max-tool-calls=3"
})
@Import(AssistantChatTest.Llm.class)
class AssistantChatTest extends AppTestSupport {

    @TestConfiguration
    static class Llm {
        @Bean
        ScriptedChatModel scriptedChatModel() {
            return new ScriptedChatModel();
        }
    }

    @Autowired
    ScriptedChatModel llm;
    @Autowired
    JdbcClient jdbc;

    @Test
    void chatRunsToolsAndRemembersTheConversationPerKey() {
        ApiClient alice = newTeam("assistant-alice", 100);
        llm.script(
                messages -> call("generate_image", Map.of("prompt", "a cat on a sofa", "enhance", false, "wait_seconds", 30)),
                messages -> AiMessage.from("Here is your cat: " + lastToolJson(messages).at("/images/0/url").stringValue()));

        ApiClient.Response first = alice.post("/api/v1/assistant/chat", Map.of("message", "Draw a cat on a sofa"));

        assertThat(first.status()).as(new String(first.bytes())).isEqualTo(200);
        JsonNode data = first.json().get("data");
        String conversation = data.get("conversationId").stringValue();
        assertThat(data.get("reply").stringValue()).startsWith("Here is your cat: http://127.0.0.1:" + port + "/files/");
        assertThat(data.at("/toolCalls/0/name").stringValue()).isEqualTo("generate_image");
        assertThat(data.at("/toolCalls/0/result").stringValue()).contains("\"status\":\"succeeded\"");
        List<ChatMessage> sent = llm.requests.getFirst().messages();
        assertThat(sent.getFirst()).isInstanceOf(SystemMessage.class);
        assertThat(((SystemMessage) sent.getFirst()).text()).contains("confirm before generating more than 4 images");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assistant_memory WHERE messages_json LIKE '%Draw a cat on a sofa%'")
                .query(Long.class).single()).isEqualTo(1);

        // Same conversation: the LLM sees the earlier turn (read back from the database).
        llm.script(messages -> {
            assertThat(userTexts(messages)).containsExactly("Draw a cat on a sofa", "What did you just draw?");
            return AiMessage.from("A cat on a sofa.");
        });
        ApiClient.Response second = alice.post("/api/v1/assistant/chat",
                Map.of("message", "What did you just draw?", "conversationId", conversation));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/data/reply").stringValue()).isEqualTo("A cat on a sofa.");
        assertThat(second.json().at("/data/conversationId").stringValue()).isEqualTo(conversation);

        // Another team using the same conversation id starts from nothing.
        ApiClient bob = newTeam("assistant-bob", 100);
        llm.script(messages -> {
            assertThat(userTexts(messages)).containsExactly("What did you just draw?");
            return AiMessage.from("Nothing yet.");
        });
        ApiClient.Response other = bob.post("/api/v1/assistant/chat",
                Map.of("message", "What did you just draw?", "conversationId", conversation));
        assertThat(other.json().at("/data/reply").stringValue()).isEqualTo("Nothing yet.");
        assertThat(llm.finished()).isTrue();
    }

    @Test
    void toolCallsAreBounded() {
        ApiClient carol = newTeam("assistant-carol", 100);
        llm.script(
                messages -> call("list_models", Map.of()),
                messages -> call("list_models", Map.of()),
                messages -> call("list_models", Map.of()),
                messages -> call("list_models", Map.of()),
                messages -> AiMessage.from("never reached"));

        ApiClient.Response response = carol.post("/api/v1/assistant/chat", Map.of("message", "loop forever"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/error/code").stringValue()).isEqualTo("ASSISTANT_TOOL_LIMIT");
        assertThat(response.json().at("/error/message").stringValue()).contains("more than 3 tool calls");
    }

    @Test
    void badInputIsA400NamingTheField() {
        ApiClient dave = newTeam("assistant-dave", 100);
        ApiClient.Response empty = dave.post("/api/v1/assistant/chat", Map.of("message", " "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().at("/error/message").stringValue()).contains("message");
        ApiClient.Response badId = dave.post("/api/v1/assistant/chat", Map.of("message", "hi", "conversationId", "../x"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().at("/error/message").stringValue()).contains("conversationId");
    }

    private static List<String> userTexts(List<ChatMessage> messages) {
        return messages.stream().filter(UserMessage.class::isInstance).map(m -> ((UserMessage) m).singleText()).toList();
    }
}
