package io.atelier.app;

import static io.atelier.app.ScriptedChatModel.call;
import static io.atelier.app.ScriptedChatModel.lastToolJson;
import static io.atelier.app.ScriptedChatModel.lastToolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolExecution;
import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ToolCaller;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The tools as a plain LangChain4j library: an {@code AiServices} agent (as the README shows)
 * driven by a scripted chat model through the real application's tools.
 */
class ToolAgentTest extends AppTestSupport {

    interface Agent {
        Result<String> chat(@UserMessage String message, InvocationParameters parameters);
    }

    @Autowired
    AtelierTools tools;
    @Autowired
    AccountService accounts;
    @Autowired
    GenerationService generations;
    @Autowired
    GalleryService gallery;

    private Caller newCaller() {
        String key = accounts.createTeam("agent-" + UUID.randomUUID(), false, 100L).apiKey();
        return accounts.authenticate(key).orElseThrow();
    }

    private Agent agent(ScriptedChatModel model) {
        return AiServices.builder(Agent.class).chatModel(model).tools(tools).maxSequentialToolsInvocations(10).build();
    }

    @Test
    void agentGeneratesPollsPublishesAndAnswersWithTheImageUrl() {
        Caller caller = newCaller();
        ScriptedChatModel model = new ScriptedChatModel();
        String[] id = new String[1];
        String[] url = new String[1];
        model.script(
                messages -> call("generate_image", Map.of("prompt", "a red fox in snow", "aspect_ratio", "16:9",
                        "enhance", false, "wait_seconds", 0)),
                messages -> {
                    JsonNode submitted = lastToolJson(messages);
                    id[0] = submitted.get("id").stringValue();
                    assertThat(submitted.get("status").stringValue()).isIn("queued", "processing");
                    assertThat(submitted.get("next").stringValue()).contains("Call get_generation");
                    // A patient agent: wait for the job before polling (no assertion on timing).
                    awaitFinished(caller, id[0]);
                    return call("get_generation", Map.of("id", id[0]));
                },
                messages -> {
                    JsonNode done = lastToolJson(messages);
                    // No public base URL here: no link to a host the agent may not reach, the image's resource instead.
                    assertThat(done.at("/images/0/url").isNull()).isTrue();
                    url[0] = done.at("/images/0/resource").stringValue();
                    return call("publish_to_gallery", Map.of("generation_id", id[0]));
                },
                messages -> {
                    JsonNode published = lastToolJson(messages);
                    return AiMessage.from("Here is your fox: " + url[0] + " (gallery: " + published.get("status").stringValue() + ")");
                });

        Result<String> result = agent(model).chat("Draw a fox in the snow, widescreen, and publish it",
                ToolCaller.parameters(caller));

        assertThat(model.finished()).isTrue();
        assertThat(result.toolExecutions()).extracting(t -> t.request().name())
                .containsExactly("generate_image", "get_generation", "publish_to_gallery");
        assertThat(result.toolExecutions()).noneMatch(ToolExecution::hasFailed);
        ToolExecution poll = result.toolExecutions().get(1);
        assertThat(poll.result()).contains("\"status\":\"succeeded\"").contains("atelier://images/").doesNotContain("localhost");
        Generation generation = generations.get(caller, id[0]);
        assertThat(generation.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        assertThat(generation.source()).isEqualTo(GenerationSource.TOOL);
        assertThat(generation.asked().aspectRatio()).isEqualTo("16:9");
        assertThat(result.content()).isEqualTo("Here is your fox: atelier://images/"
                + generation.outcome().images().getFirst().id() + " (gallery: pending_review)");
        GalleryEntry entry = gallery.find(id[0]).orElseThrow();
        assertThat(entry.status()).isEqualTo(GalleryStatus.PENDING_REVIEW);
        assertThat(entry.teamId()).isEqualTo(caller.teamId());
    }

    @Test
    void unknownTemplateComesBackAsAnActionableMessageAndTheAgentRecovers() {
        Caller caller = newCaller();
        ScriptedChatModel model = new ScriptedChatModel();
        model.script(
                messages -> call("generate_image", Map.of("prompt", "a lighthouse", "template", "watercolour-dreams")),
                messages -> {
                    assertThat(lastToolResult(messages).text())
                            .isEqualTo("Unknown template 'watercolour-dreams'. Call list_templates to see the available ones.");
                    return call("list_templates", Map.of());
                },
                messages -> {
                    JsonNode templates = lastToolJson(messages).get("templates");
                    assertThat(templates.isArray()).isTrue();
                    String first = templates.get(0).get("name").stringValue();
                    return call("generate_image", Map.of("prompt", "a lighthouse", "template", first, "wait_seconds", 30));
                },
                messages -> AiMessage.from("Done: " + lastToolJson(messages).get("status").stringValue()));

        Result<String> result = agent(model).chat("Paint a lighthouse in watercolour-dreams style", ToolCaller.parameters(caller));

        assertThat(result.toolExecutions()).extracting(t -> t.request().name())
                .containsExactly("generate_image", "list_templates", "generate_image");
        assertThat(result.toolExecutions().getFirst().hasFailed()).isTrue();
        assertThat(result.content()).isEqualTo("Done: succeeded");
        // Only the corrected call created a generation.
        assertThat(generations.list(caller, null, 10, 0).total()).isEqualTo(1);
    }

    @Test
    void theTeamComesFromTheInvocationContextNotFromArguments() {
        Caller owner = newCaller();
        Caller other = newCaller();
        Generation mine = generations.submit(owner, GenerationRequest.ofPrompt("mine", GenerationSource.API));
        ScriptedChatModel model = new ScriptedChatModel();
        model.script(
                messages -> call("get_generation", Map.of("id", mine.id(), "team_id", owner.teamId())),
                messages -> AiMessage.from(lastToolResult(messages).text()));

        Result<String> result = agent(model).chat("show it", ToolCaller.parameters(other));

        assertThat(result.content()).isEqualTo("No generation with id '" + mine.id()
                + "'. Call list_generations or search_images to find the right id.");
    }

    private void awaitFinished(Caller caller, String id) {
        try {
            generations.awaitFinished(caller, id, Duration.ofSeconds(30)).get(31, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
