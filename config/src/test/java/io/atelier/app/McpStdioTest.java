package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server over stdio: the MCP Java SDK's client starts the application as a child process
 * in MCP mode (as a desktop MCP client would), with only {@code atelier.mcp.api-key} on a fresh
 * data directory (the documented command), lists the tools and generates images. The child must
 * keep stdout clean for the protocol (logs go to stderr), or the client would fail to parse. No
 * web server runs, so no result may link to one: every image is inline and readable with
 * {@code resources/read}.
 */
class McpStdioTest {

    static final String KEY = "stdio-test-key-0123456789abcdef-0123";

    @TempDir
    Path dataDir;

    @Test
    void sdkClientStartsTheAppInStdioModeAndGeneratesAnImage() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ServerParameters server = ServerParameters.builder(java)
                .args("-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.atelier.app.AtelierApplication",
                        "--atelier.mcp.stdio=true",
                        "--atelier.mcp.api-key=" + KEY,
                        "--atelier.public-base-url=http://localhost:8080",
                        "--atelier.data-dir=" + dataDir,
                        "--atelier.worker.poll-interval=200ms")
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        StringBuilder stderr = new StringBuilder();
        transport.setStdErrorHandler(line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        });
        try (McpSyncClient client = McpClient.sync(transport)
                .initializationTimeout(Duration.ofSeconds(120))
                .requestTimeout(Duration.ofSeconds(60))
                .build()) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(McpHttpTest.TOOLS);

            CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_image",
                    Map.of("prompt", "a paper boat on a pond --ar 3:2", "count", 2, "wait_seconds", 30)));

            assertThat(result.isError()).as("result %s; child stderr:%n%s", result, stderr).isFalse();
            assertThat(((TextContent) result.content().getFirst()).text()).contains("\"status\":\"succeeded\"")
                    .contains("\"aspectRatio\":\"3:2\"");
            List<ImageContent> inline = result.content().stream().filter(ImageContent.class::isInstance)
                    .map(ImageContent.class::cast).toList();
            assertThat(inline).hasSize(2);
            for (ImageContent image : inline) {
                assertThat(Arrays.copyOf(Base64.getDecoder().decode(image.data()), 4)).isEqualTo(McpHttpTest.PNG_MAGIC);
            }

            // Not one link to a web server (even with a public base URL configured: none runs here).
            String id = JsonMapper.builder().build().readTree(((TextContent) result.content().getFirst()).text())
                    .get("id").stringValue();
            List<String> everything = List.of(result.toString(),
                    client.callTool(new McpSchema.CallToolRequest("get_generation", Map.of("id", id))).toString(),
                    client.callTool(new McpSchema.CallToolRequest("list_generations", Map.of())).toString(),
                    client.listResources().toString());
            assertThat(everything).allSatisfy(text -> assertThat(text).doesNotContain("localhost").doesNotContain("http://"));

            // Every image is readable as a resource, with the bytes that came inline.
            List<ResourceLink> links = result.content().stream().filter(ResourceLink.class::isInstance)
                    .map(ResourceLink.class::cast).toList();
            assertThat(links).hasSize(2).allSatisfy(link -> assertThat(link.uri()).startsWith("atelier://images/"));
            for (int i = 0; i < links.size(); i++) {
                BlobResourceContents blob = (BlobResourceContents) client.readResource(
                        new McpSchema.ReadResourceRequest(links.get(i).uri())).contents().getFirst();
                assertThat(blob.blob()).isEqualTo(inline.get(i).data());
            }
            List<String> imageResources = client.listResources().resources().stream().map(McpSchema.Resource::uri)
                    .filter(uri -> uri.startsWith("atelier://images/")).toList();
            assertThat(imageResources).hasSize(2);
            for (String uri : imageResources) {
                assertThat(client.readResource(new McpSchema.ReadResourceRequest(uri)).contents()).hasSize(1);
            }
        }
    }
}
