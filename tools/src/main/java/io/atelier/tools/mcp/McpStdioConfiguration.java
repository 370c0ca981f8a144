package io.atelier.tools.mcp;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.BootstrapKeys;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.GenerationSource;
import io.atelier.tools.ToolCaller;
import io.modelcontextprotocol.spec.McpServerSession;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The MCP server over stdio, for desktop clients that start Atelier as a child process:
 * {@code java -jar atelier.jar --atelier.mcp.stdio=true} with {@code ATELIER_MCP_API_KEY=KEY}. Tool
 * calls act for the team of {@code atelier.mcp.api-key}; on a fresh data directory that key creates
 * the team ({@link McpStdio}). A key that is not valid stops the server at start with a clear message
 * on stderr. When the client closes stdin, the application stops. No web server runs, so results
 * never link to one: images come inline and as {@code atelier://images/{id}} resources.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = McpStdio.PROPERTY, havingValue = "true")
class McpStdioConfiguration {

    private static final Logger log = LoggerFactory.getLogger(McpStdioConfiguration.class);

    @Bean
    StdioServer mcpStdioServer(McpProtocol protocol, McpSubscriptions subscriptions, AccountService accounts,
                               ApplicationContext context, @Value("${atelier.mcp.api-key:}") String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("atelier.mcp.stdio=true needs atelier.mcp.api-key (ATELIER_MCP_API_KEY): "
                    + "the API key whose team the MCP tools act for");
        }
        String key = apiKey.strip();
        return new StdioServer(protocol, subscriptions, context, () -> accounts.authenticate(key));
    }

    /**
     * Starts reading stdin only when the application is ready: earlier, the first tool call could
     * run before start-up work such as creating the bootstrap key.
     */
    static final class StdioServer implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

        private final McpProtocol protocol;
        private final McpSubscriptions subscriptions;
        private final ApplicationContext context;
        /** The team of atelier.mcp.api-key, asked again for every tool call (the key may be revoked meanwhile). */
        private final Supplier<Optional<Caller>> keyOwner;
        private volatile McpServerSession session;

        StdioServer(McpProtocol protocol, McpSubscriptions subscriptions, ApplicationContext context,
                    Supplier<Optional<Caller>> keyOwner) {
            this.protocol = protocol;
            this.subscriptions = subscriptions;
            this.context = context;
            this.keyOwner = keyOwner;
        }

        @Override
        public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
            if (session != null || event.getApplicationContext() != context) {
                return;
            }
            Optional<Caller> caller = keyOwner.get();
            if (caller.isEmpty()) {
                log.error("atelier.mcp.api-key (ATELIER_MCP_API_KEY) is not a valid API key of this data directory "
                        + "or database; give a key of an existing team, or a new atelier.data-dir so that it creates one "
                        + "(a new key must be at least " + BootstrapKeys.MIN_LENGTH + " characters)");
                Thread stopper = new Thread(() -> System.exit(SpringApplication.exit(context, () -> 2)), "mcp-stdio-stop");
                stopper.start();
                return;
            }
            String sessionId = "stdio-" + UUID.randomUUID();
            McpStdioTransport transport = new McpStdioTransport(protocol.mapper(), McpStdio.in(() -> stop(context)),
                    McpStdio.out(), () -> new ToolCaller(keyOwner.get().orElseThrow(() ->
                    new IllegalStateException("the MCP API key was revoked")), GenerationSource.MCP));
            transport.start(t -> {
                McpServerSession created = new McpServerSession(sessionId, Duration.ofSeconds(60), t,
                        init -> Mono.fromCallable(() -> protocol.initialize(init)), protocol.requestHandlers(),
                        protocol.notificationHandlers());
                session = created;
                subscriptions.listen(sessionId, new ToolCaller(caller.get(), GenerationSource.MCP), created);
                return created;
            });
            log.info("MCP server on: stdio");
        }

        @Override
        public void destroy() {
            McpServerSession running = session;
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
