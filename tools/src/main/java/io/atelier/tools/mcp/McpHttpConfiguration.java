package io.atelier.tools.mcp;

import io.atelier.core.account.Caller;
import io.atelier.core.api.RequestGate;
import io.atelier.core.generation.GenerationSource;
import io.atelier.tools.ToolCaller;
import io.atelier.tools.ToolException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP server over Streamable HTTP at {@value #PATH}, on by default in the web application
 * ({@code atelier.mcp.http.enabled=false} turns it off). Every request needs an API key
 * ({@link McpApiKeyFilter}); tool calls act for that key's team.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "atelier.mcp.http.enabled", havingValue = "true", matchIfMissing = true)
class McpHttpConfiguration {

    static final String PATH = "/mcp";

    private static final Logger log = LoggerFactory.getLogger(McpHttpConfiguration.class);

    @Bean
    HttpServletStreamableServerTransportProvider mcpHttpTransport() {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpServers.jsonMapper())
                .mcpEndpoint(PATH)
                .contextExtractor(request -> {
                    Object caller = request.getAttribute(McpApiKeyFilter.CALLER_ATTRIBUTE);
                    return caller == null ? McpTransportContext.EMPTY
                            : McpTransportContext.create(Map.of(McpApiKeyFilter.CALLER_ATTRIBUTE, caller));
                })
                .build();
    }

    @Bean(destroyMethod = "close")
    McpSyncServer mcpHttpServer(HttpServletStreamableServerTransportProvider transport, McpToolAdapter adapter) {
        McpJsonMapper mapper = McpServers.jsonMapper();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(McpServers.NAME, McpServers.VERSION)
                .instructions(McpServers.INSTRUCTIONS)
                .capabilities(McpServers.capabilities())
                .jsonMapper(mapper)
                .tools(adapter.specifications(mapper, exchange -> {
                    if (exchange.transportContext().get(McpApiKeyFilter.CALLER_ATTRIBUTE) instanceof Caller caller) {
                        return new ToolCaller(caller, GenerationSource.MCP);
                    }
                    throw new ToolException("This MCP session has no API key.");
                }))
                .build();
        log.info("MCP server on: Streamable HTTP at {} (API key required)", PATH);
        return server;
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration =
                new ServletRegistrationBean<>(transport, PATH, PATH + "/*");
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpApiKeyFilter> mcpApiKeyFilter(RequestGate gate) {
        FilterRegistrationBean<McpApiKeyFilter> registration = new FilterRegistrationBean<>(new McpApiKeyFilter(gate));
        registration.setName("mcpApiKey");
        registration.addUrlPatterns(PATH, PATH + "/*");
        registration.setAsyncSupported(true);
        return registration;
    }
}
