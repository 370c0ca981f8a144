package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.account.AccountService;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
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
 * not write): connect with an API key, list the tools, generate an image and receive it.
 */
class McpHttpTest extends AppTestSupport {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
    static final List<String> TOOLS = List.of("cancel_generation", "edit_image", "enhance_prompt", "generate_image",
            "get_generation", "list_generations", "list_models", "list_templates", "publish_to_gallery", "search_images");

    @Autowired
    AccountService accounts;

    private McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .customizeRequest(request -> request.header("X-API-Key", key))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    }

    private String newKey() {
        return accounts.createTeam("mcp-" + UUID.randomUUID(), false, 100L).apiKey();
    }

    @Test
    void sdkClientListsToolsAndGeneratesAnImage() throws Exception {
        try (McpSyncClient client = client(newKey())) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("atelier");

            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
            McpSchema.Tool generate = tools.stream().filter(t -> t.name().equals("generate_image")).findFirst().orElseThrow();
            assertThat(generate.inputSchema().required()).containsExactly("prompt");
            assertThat(generate.inputSchema().properties()).containsKeys("prompt", "aspect_ratio", "template", "wait_seconds");

            CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_image",
                    Map.of("prompt", "a lighthouse at dusk", "aspect_ratio", "16:9", "wait_seconds", 30)));

            assertThat(result.isError()).isFalse();
            String text = ((TextContent) result.content().getFirst()).text();
            assertThat(text).contains("\"status\":\"succeeded\"");
            ImageContent image = result.content().stream().filter(ImageContent.class::isInstance)
                    .map(ImageContent.class::cast).findFirst().orElseThrow();
            assertThat(image.mimeType()).isEqualTo("image/png");
            byte[] png = Base64.getDecoder().decode(image.data());
            assertThat(Arrays.copyOf(png, 4)).isEqualTo(PNG_MAGIC);
            ResourceLink link = result.content().stream().filter(ResourceLink.class::isInstance)
                    .map(ResourceLink.class::cast).findFirst().orElseThrow();
            assertThat(link.uri()).startsWith("http://localhost:" + port + "/files/");
            // The link serves the same bytes as the inline image.
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(link.uri().replace("localhost", "127.0.0.1"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(png);
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

    private static String text(McpSyncClient client, String tool, Map<String, Object> arguments) {
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

            CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("get_generation", Map.of("id", "nope")));
            assertThat(missing.isError()).isTrue();
            assertThat(((TextContent) missing.content().getFirst()).text()).startsWith("No generation with id 'nope'.");
        }
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
        // Bearer works as well as X-API-Key.
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + newKey())
                .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"serverInfo\"");
    }
}
