package io.atelier.tools.mcp;

import io.atelier.core.api.RequestGate;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP server over Streamable HTTP at {@value #PATH}, on by default in the web application
 * ({@code atelier.mcp.http.enabled=false} turns it off). Every request needs an API key or an OAuth
 * access token ({@link McpAuthFilter}); tool calls act for that team. Sessions live in the database
 * and expire after {@code atelier.mcp.session-idle-timeout} (default 24 h) without a request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "atelier.mcp.http.enabled", havingValue = "true", matchIfMissing = true)
class McpHttpConfiguration {

    static final String PATH = "/mcp";

    private static final Logger log = LoggerFactory.getLogger(McpHttpConfiguration.class);

    @Bean
    McpHttpSessions mcpHttpSessions(McpSessionStore store, McpSubscriptions subscriptions,
                                    @Value("${atelier.mcp.session-idle-timeout:24h}") Duration idleTimeout) {
        return new McpHttpSessions(store, subscriptions, idleTimeout);
    }

    @Bean
    ServletRegistrationBean<McpHttpTransport> mcpServlet(McpHttpSessions sessions, McpProtocol protocol) {
        ServletRegistrationBean<McpHttpTransport> registration =
                new ServletRegistrationBean<>(new McpHttpTransport(sessions, protocol), PATH);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        log.info("MCP server on: Streamable HTTP at {} (API key or OAuth access token required)", PATH);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpAuthFilter> mcpAuthFilter(RequestGate gate, ObjectProvider<McpBearerTokens> tokens) {
        FilterRegistrationBean<McpAuthFilter> registration = new FilterRegistrationBean<>(new McpAuthFilter(gate, tokens));
        registration.setName("mcpAuth");
        registration.addUrlPatterns(PATH);
        registration.setAsyncSupported(true);
        return registration;
    }
}
