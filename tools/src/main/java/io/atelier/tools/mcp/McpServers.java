package io.atelier.tools.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** What the HTTP and stdio MCP servers share: name, instructions, protocol versions, JSON mapper. */
final class McpServers {

    static final String NAME = "atelier";
    static final String VERSION = "0.1.0";
    static final String INSTRUCTIONS = "Atelier generates images. Call generate_image with a prompt (flags such as "
            + "--ar 16:9 work as in chat); if it is still running, call get_generation with its id. Images come "
            + "inline and as resources (atelier://images/{id}). Ask the user before generating more than 4 images.";

    /** Newest first: the answer to a client that asks for a version we do not speak. */
    static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2025_11_25, ProtocolVersions.MCP_2025_06_18,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2024_11_05);

    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    private McpServers() {
    }

    /**
     * A mapper of its own rather than the application's: the MCP wire format must not change
     * with the application's Jackson settings (e.g. {@code spring.jackson.default-property-inclusion}).
     */
    static McpJsonMapper jsonMapper() {
        return MAPPER;
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).prompts(false).build();
    }

    /** The version to speak: the client's when we know it, else our newest. */
    static String negotiate(String requested) {
        return PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.getFirst();
    }
}
