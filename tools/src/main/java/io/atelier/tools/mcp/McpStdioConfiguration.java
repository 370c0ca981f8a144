package io.atelier.tools.mcp;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.GenerationSource;
import io.atelier.tools.ToolCaller;
import io.atelier.tools.ToolException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP server over stdio, for desktop clients that start Atelier as a child process:
 * {@code java -jar atelier.jar --atelier.mcp.stdio=true --atelier.mcp.api-key=KEY}. Tool calls act
 * for the team of {@code atelier.mcp.api-key} (checked at each call, so a key created at first
 * start by {@code atelier.bootstrap-api-key} works). When the client closes stdin, the application
 * stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = McpStdio.PROPERTY, havingValue = "true")
class McpStdioConfiguration {

    private static final Logger log = LoggerFactory.getLogger(McpStdioConfiguration.class);

    @Bean
    StdioServer mcpStdioServer(McpToolAdapter adapter, AccountService accounts, ApplicationContext context,
                               @Value("${atelier.mcp.api-key:}") String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("atelier.mcp.stdio=true needs atelier.mcp.api-key (ATELIER_MCP_API_KEY): "
                    + "the API key whose team the MCP tools act for");
        }
        return new StdioServer(adapter, accounts, context, apiKey.strip());
    }

    /**
     * Starts reading stdin only when the application is ready: earlier, the first tool call could
     * run before start-up work such as creating the bootstrap key.
     */
    static final class StdioServer implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

        private final McpToolAdapter adapter;
        private final AccountService accounts;
        private final ApplicationContext context;
        private final String apiKey;
        private volatile McpSyncServer server;

        StdioServer(McpToolAdapter adapter, AccountService accounts, ApplicationContext context, String apiKey) {
            this.adapter = adapter;
            this.accounts = accounts;
            this.context = context;
            this.apiKey = apiKey;
        }

        @Override
        public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
            if (server != null || event.getApplicationContext() != context) {
                return;
            }
            McpJsonMapper mapper = McpServers.jsonMapper();
            StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper,
                    McpStdio.in(() -> stop(context)), McpStdio.out());
            server = McpServer.sync(transport)
                    .serverInfo(McpServers.NAME, McpServers.VERSION)
                    .instructions(McpServers.INSTRUCTIONS)
                    .capabilities(McpServers.capabilities())
                    .jsonMapper(mapper)
                    .tools(adapter.specifications(mapper, exchange -> {
                        Optional<Caller> caller = accounts.authenticate(apiKey);
                        return caller.map(c -> new ToolCaller(c, GenerationSource.MCP)).orElseThrow(() -> new ToolException(
                                "The server's atelier.mcp.api-key is not a valid API key; fix the MCP client configuration."));
                    }))
                    .build();
            log.info("MCP server on: stdio");
        }

        @Override
        public void destroy() {
            McpSyncServer running = server;
            if (running != null) {
                running.close();
            }
        }
    }

    /** The client went away: stop the whole application (on another thread; this one is the reader). */
    private static void stop(ApplicationContext context) {
        Thread stopper = new Thread(() -> {
            log.info("MCP stdio client closed stdin; stopping");
            System.exit(SpringApplication.exit(context, () -> 0));
        }, "mcp-stdio-stop");
        stopper.start();
    }
}
