package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ToolCaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The LangChain4j {@code AiServices} example of {@code docs/agents.md}, run as written: the code
 * below is compared with the document's block, then run with a scripted chat model that asks for
 * {@code generate_image} with an inline flag.
 */
class AgentsDocExampleTest extends AppTestSupport {

    interface ImageAgent {
        Result<String> chat(@UserMessage String message, InvocationParameters parameters);
    }

    static final String SNIPPET = """
            interface ImageAgent {
                Result<String> chat(@UserMessage String message, InvocationParameters parameters);
            }

            ImageAgent agent = AiServices.builder(ImageAgent.class)
                    .chatModel(chatModel)                      // any LangChain4j ChatModel
                    .tools(atelierTools)                       // io.atelier.tools.AtelierTools
                    .maxSequentialToolsInvocations(8)          // bound the tool calls per message
                    .build();

            Caller caller = accountService.authenticate(apiKey).orElseThrow();
            Result<String> answer = agent.chat("Draw a lighthouse at dusk --ar 16:9", ToolCaller.parameters(caller));
            """;

    @Autowired
    AtelierTools atelierTools;
    @Autowired
    AccountService accountService;

    @Test
    void theDocumentedAgentRunsAsWritten() throws Exception {
        String doc = Files.readString(Path.of("../docs/agents.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).isTrue();
        assertThat(block.group(1)).isEqualTo(SNIPPET);

        String apiKey = accountService.createTeam("doc-" + UUID.randomUUID(), false, 100L).apiKey();
        ScriptedChatModel scripted = new ScriptedChatModel();
        scripted.script(
                messages -> ScriptedChatModel.call("generate_image", Map.of("prompt", "a lighthouse at dusk --ar 16:9",
                        "wait_seconds", 30)),
                messages -> AiMessage.from(ScriptedChatModel.lastToolResult(messages).text()));
        ChatModel chatModel = scripted;

        // --- the documented code ---
        ImageAgent agent = AiServices.builder(ImageAgent.class)
                .chatModel(chatModel)                      // any LangChain4j ChatModel
                .tools(atelierTools)                       // io.atelier.tools.AtelierTools
                .maxSequentialToolsInvocations(8)          // bound the tool calls per message
                .build();

        Caller caller = accountService.authenticate(apiKey).orElseThrow();
        Result<String> answer = agent.chat("Draw a lighthouse at dusk --ar 16:9", ToolCaller.parameters(caller));
        // ---

        assertThat(answer.content()).contains("\"status\":\"succeeded\"").contains("\"aspectRatio\":\"16:9\"")
                .contains("atelier://images/");
    }
}
