package io.atelier.tools.mcp;

import io.atelier.core.account.BootstrapKeys;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * MCP over stdio ({@code --atelier.mcp.stdio=true}): stdout belongs to the protocol, so before
 * logging starts this moves {@code System.out} to stderr (logs, banner and stray prints go there)
 * and keeps the real stdout for the transport. It also turns the web server off and the banner off,
 * and lets {@code atelier.mcp.api-key} bootstrap a fresh data directory when no bootstrap key is given.
 *
 * <p>Runs as an {@link EnvironmentPostProcessor}: after the command line and configuration files
 * are read, before the logging system is initialised and before the context type is chosen.
 * The streams are process-wide, hence static.
 */
class McpStdio implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "atelier.mcp.stdio";

    private static volatile PrintStream protocolOut;
    private static volatile InputStream protocolIn;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Boolean.parseBoolean(environment.getProperty(PROPERTY, "false"))) {
            return;
        }
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("spring.main.web-application-type", "none");
        overrides.put("spring.main.banner-mode", "off");
        // No web server holds the JVM up: keep it alive until stdin closes (see McpStdioConfiguration).
        overrides.put("spring.main.keep-alive", "true");
        // On a fresh data directory the MCP key creates the first team, so one key is all a desktop client needs.
        String mcpKey = environment.getProperty("atelier.mcp.api-key");
        if (mcpKey != null && mcpKey.strip().length() >= BootstrapKeys.MIN_LENGTH
                && isBlank(environment.getProperty("atelier.bootstrap-api-key"))) {
            overrides.put("atelier.bootstrap-api-key", mcpKey.strip());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("atelierMcpStdio", overrides));
        redirect();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static synchronized void redirect() {
        if (protocolOut == null) {
            protocolOut = System.out;
            protocolIn = System.in;
            System.setOut(System.err);
        }
    }

    /** The process's real stdout, reserved for MCP messages. */
    static PrintStream out() {
        redirect();
        return protocolOut;
    }

    /** The process's stdin; {@code onEnd} runs once when the client closes it. */
    static InputStream in(Runnable onEnd) {
        redirect();
        return new FilterInputStream(protocolIn) {
            private boolean ended;

            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0 && !ended) {
                    ended = true;
                    onEnd.run();
                }
                return n;
            }
        };
    }

    @Override
    public int getOrder() {
        // After the config-data processor (which reads application.yml and the command line's config).
        return Ordered.LOWEST_PRECEDENCE;
    }
}
