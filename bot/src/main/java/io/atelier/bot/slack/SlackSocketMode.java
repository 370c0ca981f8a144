package io.atelier.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode: the bot opens a WebSocket to Slack ({@code apps.connections.open} with the
 * app-level token, through the configured API URL) and receives the same payloads as HTTP mode,
 * with no public URL. Slack authenticates the connection, so there is no request signature; the
 * handlers and their redelivery checks are the same {@link SlackBoltApp}.
 *
 * <p>Lifecycle: connects on a background thread once the application is up, retrying with
 * backoff while Slack is unreachable (once connected the client reconnects by itself);
 * disconnects first on shutdown.
 */
final class SlackSocketMode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

    private final App app;
    private final String appToken;
    private volatile SocketModeApp socketModeApp;
    private volatile boolean running;
    private Thread connector;

    SlackSocketMode(App app, String appToken) {
        this.app = app;
        this.appToken = appToken;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        connector = Thread.ofVirtual().name("slack-socket-mode").start(this::connect);
    }

    /** Slack may be unreachable at start: keep trying (with backoff) until connected or stopped. */
    private void connect() {
        long delayMs = 1_000;
        while (running) {
            try {
                SocketModeApp connected = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
                connected.startAsync();
                synchronized (this) {
                    if (!running) {
                        connected.stop();
                        return;
                    }
                    socketModeApp = connected;
                }
                log.info("Slack Socket Mode connected");
                return;
            } catch (Exception e) {
                log.warn("Slack Socket Mode could not connect ({}); retrying in {} ms", e.toString(), delayMs);
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException stopped) {
                    return;
                }
                delayMs = Math.min(60_000, delayMs * 2);
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (connector != null) {
            connector.interrupt();
            connector = null;
        }
        SocketModeApp current = socketModeApp;
        socketModeApp = null;
        if (current != null) {
            try {
                current.stop();
            } catch (Exception e) {
                log.warn("Slack Socket Mode did not close cleanly: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
