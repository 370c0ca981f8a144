package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code @bot …} in Slack: a signed {@code app_mention} through the real {@code /slack/events} reaches
 * the assistant (a scripted LLM as the application's chat model) as the workspace's team and the
 * user's principal, and its answer is posted in the mention's thread; a redelivery answers nothing more.
 */
@TestPropertySource(properties = "atelier.data-dir=${atelier.test-root}/slack-assistant")
@Import(SlackAssistantTest.Llm.class)
class SlackAssistantTest extends SlackTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
    void aMentionIsAnsweredByTheAssistantInTheThreadOnce() {
        llm.script(messages -> AiMessage.from("I can draw that. Which style? (said to: " + lastUserText(messages) + ")"));
        String channel = "C-MENTION";
        String eventId = "Ev" + UUID.randomUUID();
        String body = SlackRequests.appMention("U700", channel, "<@UBOT> draw a lighthouse", "1700000000.000100", null, eventId);

        assertThat(postSigned(body, SlackRequests.JSON_TYPE).status()).isEqualTo(200);

        FakeSlack.Call reply = SLACK.await(c -> c.method().equals("chat.postMessage") && channel.equals(c.param("channel")), WAIT);
        assertThat(reply.param("thread_ts")).isEqualTo("1700000000.000100");
        assertThat(reply.param("text")).isEqualTo("I can draw that. Which style? (said to: draw a lighthouse)");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assistant_memory WHERE memory_id LIKE '%|slack:T0001:U700|slack-%'")
                .query(Long.class).single()).isEqualTo(1);

        // Slack retries the same event: acked, not answered again.
        assertThat(postSigned(body, SlackRequests.JSON_TYPE).status()).isEqualTo(200);
        // A mention inside a thread is answered in that thread, in the same conversation (memory).
        llm.script(messages -> {
            assertThat(messages.stream().filter(UserMessage.class::isInstance).count()).isEqualTo(2);
            return AiMessage.from("Watercolour it is.");
        });
        String second = SlackRequests.appMention("U700", channel, "<@UBOT> watercolour", "1700000000.000300",
                "1700000000.000100", "Ev" + UUID.randomUUID());
        assertThat(postSigned(second, SlackRequests.JSON_TYPE).status()).isEqualTo(200);
        SLACK.await(c -> c.method().equals("chat.postMessage") && "Watercolour it is.".equals(c.param("text")), WAIT);
        List<FakeSlack.Call> replies = SLACK.calls("chat.postMessage").stream()
                .filter(c -> channel.equals(c.param("channel"))).toList();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1).param("thread_ts")).isEqualTo("1700000000.000100");
    }

    private static String lastUserText(List<ChatMessage> messages) {
        return messages.stream().filter(UserMessage.class::isInstance).map(m -> ((UserMessage) m).singleText())
                .reduce((a, b) -> b).orElse("");
    }
}
