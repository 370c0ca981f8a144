package io.atelier.tools.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/** What the HTTP and stdio MCP servers share: name, instructions, JSON mapper. */
final class McpServers {

    static final String NAME = "atelier";
    static final String VERSION = "0.1.0";
    static final String INSTRUCTIONS = "Atelier generates images. Call generate_image with a prompt; if it is still "
            + "running, call get_generation with its id. Ask the user before generating more than 4 images.";

    private McpServers() {
    }

    /**
     * A mapper of its own rather than the application's: the MCP wire format must not change
     * with the application's Jackson settings (e.g. {@code spring.jackson.default-property-inclusion}).
     */
    static McpJsonMapper jsonMapper() {
        return new JacksonMcpJsonMapper(JsonMapper.builder().build());
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).build();
    }
}
