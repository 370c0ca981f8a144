package io.atelier.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import io.atelier.tools.AtelierTools;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the LLM sees: every tool's name, description, metadata (MCP title and hints), parameter schema
 * and MCP output schema, compared exactly with
 * the committed snapshot {@code src/test/resources/tool-specifications.json}. A change to a tool's
 * contract must change the snapshot in the same commit; regenerate it with
 * {@code -Datelier.update-snapshots=true} and review the diff.
 */
class ToolSpecificationSnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/tool-specifications.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void toolSpecificationsMatchTheSnapshot() throws IOException {
        List<Map<String, Object>> view = new ArrayList<>();
        for (Method method : McpToolAdapter.toolMethods()) {
            ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", spec.name());
            tool.put("description", spec.description());
            tool.put("metadata", new java.util.TreeMap<>(spec.metadata()));
            tool.put("parameters", McpToolAdapter.inputSchema(spec));
            tool.put("outputSchema", McpOutputSchemas.of(method.getReturnType()));
            view.add(tool);
        }
        String actual = JSON.writeValueAsString(view) + "\n";
        if (Boolean.getBoolean("atelier.update-snapshots")) {
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).as("snapshot file (create it with -Datelier.update-snapshots=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    @Test
    void theToolsAreTheOnesTheIssueNames() {
        assertThat(ToolSpecifications.toolSpecificationsFrom(AtelierTools.class)).extracting(ToolSpecification::name)
                .containsExactlyInAnyOrder("generate_image", "edit_image", "get_generation", "list_generations",
                        "search_images", "list_models", "list_templates", "enhance_prompt", "cancel_generation",
                        "publish_to_gallery");
    }

    @Test
    void mcpToolsComeFromTheSameMethodsAndSchemas() {
        List<Method> methods = McpToolAdapter.toolMethods();
        assertThat(methods).extracting(m -> ToolSpecifications.toolSpecificationFrom(m).name()).isSorted()
                .hasSize(ToolSpecifications.toolSpecificationsFrom(AtelierTools.class).size());
        for (Method method : methods) {
            ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
            Map<String, Object> schema = McpToolAdapter.inputSchema(spec);
            assertThat(schema.get("type")).isEqualTo("object");
            // The server-side invocation context never appears as an argument.
            assertThat(JSON.writeValueAsString(schema)).doesNotContain("InvocationParameters").doesNotContain("parameters\"");
        }
    }
}
