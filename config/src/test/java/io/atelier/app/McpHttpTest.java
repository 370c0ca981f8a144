package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.account.AccountService;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The MCP server over Streamable HTTP, driven by the official MCP Java SDK's client (code we did
 * not write): protocol 2025-11-25, tools with titles, hints and schemas, a generation with inline
 * flags whose image comes inline and as a resource (no public base URL is configured here, so no
 * link to a host), resources and prompts.
 */
class McpHttpTest extends AppTestSupport {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
    static final List<String> TOOLS = List.of("cancel_generation", "edit_image", "enhance_prompt", "generate_image",
            "get_generation", "list_generations", "list_models", "list_templates", "publish_to_gallery", "search_images");

    @Autowired
    AccountService accounts;

    static McpSyncClient client(String baseUrl, String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    }

    private McpSyncClient client(String key) {
        return client("http://127.0.0.1:" + port, key);
    }

    private String newKey() {
        return accounts.createTeam("mcp-" + UUID.randomUUID(), false, 100L).apiKey();
    }

    @Test
    @SuppressWarnings("unchecked")
    void toolsCarryTitlesHintsAndSchemas() {
        try (McpSyncClient client = client(newKey())) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("atelier");
            assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(init.capabilities().resources().subscribe()).isTrue();
            assertThat(init.capabilities().prompts()).isNotNull();

            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
            McpSchema.Tool generate = tool(tools, "generate_image");
            assertThat(generate.title()).isEqualTo("Generate image");
            assertThat(generate.annotations().readOnlyHint()).isFalse();
            assertThat(generate.annotations().openWorldHint()).isTrue();
            assertThat(generate.outputSchema()).containsEntry("type", "object");
            assertThat((Map<String, Object>) generate.outputSchema().get("properties")).containsKeys("id", "status", "images", "next");
            Map<String, Object> input = generate.inputSchema();
            assertThat(input).containsEntry("additionalProperties", false);
            assertThat((List<String>) input.get("required")).containsExactly("prompt");
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) input.get("properties");
            assertThat((List<String>) properties.get("aspect_ratio").get("enum")).contains("1:1", "16:9", "9:16");
            assertThat((List<String>) properties.get("model").get("enum")).contains("local/preview");
            assertThat((List<String>) properties.get("template").get("enum")).contains("general", "photorealistic");
            assertThat(properties.get("wait_seconds")).containsEntry("minimum", 0).containsEntry("maximum", 50);
            assertThat(properties.get("count")).containsEntry("minimum", 1);

            McpSchema.Tool get = tool(tools, "get_generation");
            assertThat(get.annotations().readOnlyHint()).isTrue();
            assertThat(get.annotations().idempotentHint()).isTrue();
            assertThat(tool(tools, "cancel_generation").annotations().destructiveHint()).isTrue();
            Map<String, Map<String, Object>> listProperties =
                    (Map<String, Map<String, Object>>) tool(tools, "list_generations").inputSchema().get("properties");
            assertThat(listProperties.get("limit")).containsEntry("minimum", 1).containsEntry("maximum", 50);
            assertThat((List<String>) listProperties.get("status").get("enum")).contains("succeeded");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGenerationWithInlineFlagsComesBackInlineAndAsAResource() {
        try (McpSyncClient client = client(newKey())) {
            client.initialize();
            CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_image",
                    Map.of("prompt", "a lighthouse at dusk --ar 16:9 --seed 42 --no birds", "wait_seconds", 30)));

            assertThat(result.isError()).as("%s", result).isFalse();
            Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
            assertThat(structured).containsEntry("status", "succeeded").containsEntry("aspectRatio", "16:9")
                    .containsEntry("seed", 42);
            assertThat((String) structured.get("prompt")).doesNotContain("--ar").doesNotContain("--seed");
            assertThat(((TextContent) result.content().getFirst()).text()).contains("\"status\":\"succeeded\"");
            assertThat(result.toString()).doesNotContain("localhost").doesNotContain("http://");

            ImageContent image = result.content().stream().filter(ImageContent.class::isInstance)
                    .map(ImageContent.class::cast).findFirst().orElseThrow();
            assertThat(image.mimeType()).isEqualTo("image/png");
            byte[] png = Base64.getDecoder().decode(image.data());
            assertThat(Arrays.copyOf(png, 4)).isEqualTo(PNG_MAGIC);
            ResourceLink link = result.content().stream().filter(ResourceLink.class::isInstance)
                    .map(ResourceLink.class::cast).findFirst().orElseThrow();
            assertThat(link.uri()).startsWith("atelier://images/");

            McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(link.uri()));
            BlobResourceContents blob = (BlobResourceContents) read.contents().getFirst();
            assertThat(blob.mimeType()).isEqualTo("image/png");
            assertThat(Base64.getDecoder().decode(blob.blob())).isEqualTo(png);
        }
    }

    @Test
    void generationsAndImagesAreResourcesAndTemplatesArePrompts() throws Exception {
        try (McpSyncClient client = client(newKey())) {
            client.initialize();
            String generated = text(client, "generate_image", Map.of("prompt", "a quiet harbour", "wait_seconds", 30));
            String id = ScriptedChatModel.JSON.readTree(generated).get("id").stringValue();

            List<McpSchema.Resource> resources = client.listResources().resources();
            assertThat(resources).extracting(McpSchema.Resource::uri).contains("atelier://generations/" + id)
                    .anyMatch(uri -> uri.startsWith("atelier://images/"));
            assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactlyInAnyOrder("atelier://generations/{id}", "atelier://images/{id}");
            TextResourceContents json = (TextResourceContents) client.readResource(
                    new McpSchema.ReadResourceRequest("atelier://generations/" + id)).contents().getFirst();
            assertThat(json.text()).contains("\"id\":\"" + id + "\"").contains("\"status\":\"succeeded\"");

            assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
                    .contains("style-photorealistic", "style-general");
            McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("style-photorealistic",
                    Map.of("subject", "a red fox in snow", "aspect_ratio", "16:9")));
            String message = ((TextContent) prompt.messages().getFirst().content()).text();
            assertThat(prompt.messages().getFirst().role()).isEqualTo(McpSchema.Role.USER);
            assertThat(message).contains("generate_image").contains("a red fox in snow").contains("template: photorealistic")
                    .contains("aspect_ratio: 16:9");

            // Another team's resources do not exist for this one.
            try (McpSyncClient other = client(newKey())) {
                other.initialize();
                assertThat(other.listResources().resources()).isEmpty();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.readResource(
                        new McpSchema.ReadResourceRequest("atelier://generations/" + id))).hasMessageContaining("not found");
            }
        }
    }

    @Test
    void everyToolWorksThroughMcp() {
        try (McpSyncClient client = client(newKey())) {
            client.initialize();
            assertThat(text(client, "list_models", Map.of())).contains("\"id\":\"local/preview\"").contains("\"edits\":true");
            assertThat(text(client, "list_templates", Map.of())).contains("\"name\":\"photorealistic\"");
            String enhanced = text(client, "enhance_prompt", Map.of("prompt", "a quiet harbour", "template", "photorealistic"));
            assertThat(enhanced).contains("\"original\":\"a quiet harbour\"").contains("\"template\":\"photorealistic\"");

            String generated = text(client, "generate_image", Map.of("prompt", "a quiet harbour at noon", "wait_seconds", 30));
            String id = ScriptedChatModel.JSON.readTree(generated).get("id").stringValue();
            CallToolResult edited = client.callTool(new McpSchema.CallToolRequest("edit_image",
                    Map.of("generation_id", id, "prompt", "add a red boat", "wait_seconds", 30)));
            assertThat(edited.isError()).as("%s", edited).isFalse();
            assertThat(((TextContent) edited.content().getFirst()).text()).contains("\"status\":\"succeeded\"");
            assertThat(edited.content()).anyMatch(ImageContent.class::isInstance);

            assertThat(text(client, "search_images", Map.of("query", "HARBOUR noon"))).contains(id);
            assertThat(text(client, "list_generations", Map.of("limit", 5))).contains(id).contains("\"total\":2");
            CallToolResult cancel = client.callTool(new McpSchema.CallToolRequest("cancel_generation", Map.of("id", id)));
            assertThat(cancel.isError()).isTrue();
            assertThat(((TextContent) cancel.content().getFirst()).text()).contains("already ended");
            assertThat(text(client, "publish_to_gallery", Map.of("generation_id", id))).contains("\"status\":\"pending_review\"");
        }
    }

    private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    static String text(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s %s", tool, result).isFalse();
        return ((TextContent) result.content().getFirst()).text();
    }

    @Test
    void badArgumentsComeBackAsActionableErrorResults() {
        try (McpSyncClient client = client(newKey())) {
            client.initialize();
            CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_image",
                    Map.of("prompt", "a cat", "template", "no-such-style")));
            assertThat(result.isError()).isTrue();
            assertThat(((TextContent) result.content().getFirst()).text())
                    .isEqualTo("Unknown template 'no-such-style'. Call list_templates to see the available ones.");

            CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("get_generation",
                    Map.of("id", "x", "colour", "red")));
            assertThat(unknown.isError()).isTrue();
            assertThat(((TextContent) unknown.content().getFirst()).text()).startsWith("Unknown argument 'colour' for get_generation");

            CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("get_generation", Map.of("id", "nope")));
            assertThat(missing.isError()).isTrue();
            assertThat(((TextContent) missing.content().getFirst()).text()).startsWith("No generation with id 'nope'.");
        }
    }

    @Test
    void sessionsBelongToTheirKeyAndUnknownSessionsAre404() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";
        HttpClient http = HttpClient.newHttpClient();
        String key = newKey();
        HttpResponse<String> init = post(http, key, null, initialize);
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        assertThat(post(http, key, session, list).body()).contains("generate_image");
        assertThat(post(http, newKey(), session, list).statusCode()).isEqualTo(404);
        assertThat(post(http, key, "no-such-session", list).statusCode()).isEqualTo(404);
        assertThat(post(http, key, null, list).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(HttpClient http, String key, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAValidKeyMcpAnswers401() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";
        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("X-API-Key", "wrong-key"),
                Map.of("Authorization", "Bearer wrong-key"))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("headers %s", headers).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.body()).contains("UNAUTHORIZED");
        }
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + newKey())
                .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"serverInfo\"").contains("\"protocolVersion\":\"2025-06-18\"");
    }
}
