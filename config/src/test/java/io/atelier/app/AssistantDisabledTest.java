package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without an LLM (the default), the assistant route says so instead of failing. */
class AssistantDisabledTest extends AppTestSupport {

    @Test
    void withoutAnLlmTheAssistantAnswers404Disabled() {
        ApiClient.Response response = newTeam("no-llm", 10).post("/api/v1/assistant/chat", Map.of("message", "hello"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/error/code").stringValue()).isEqualTo("ASSISTANT_DISABLED");
        assertThat(response.json().at("/error/message").stringValue()).contains("atelier.llm.base-url");
    }

    @Test
    void theAssistantNeedsAnApiKey() {
        ApiClient.Response response = anonymous().post("/api/v1/assistant/chat", Map.of("message", "hello"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().at("/error/code").stringValue()).isEqualTo("UNAUTHORIZED");
    }
}
