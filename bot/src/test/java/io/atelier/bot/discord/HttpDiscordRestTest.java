package io.atelier.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery without a gateway session: {@link HttpDiscordRest} against a Discord REST double on
 * loopback — the routes, the bot token, JDA's payloads (JSON, multipart with files), and errors
 * mapped as delivery needs them (429 with retry_after, unknown webhook, 5xx).
 */
class HttpDiscordRestTest {

    record Seen(String method, String path, String auth, String contentType, String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"id\":\"555\"}";
    private HttpDiscordRest rest;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            byte[] out = (path.endsWith("/users/@me") ? "{\"id\":\"42\"}" : answer).getBytes(StandardCharsets.UTF_8);
            int code = path.endsWith("/users/@me") ? 200 : status;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        rest = new HttpDiscordRest("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/", "bot-token");
    }

    @AfterEach
    void stop() {
        rest.close();
        server.stop(0);
    }

    @Test
    void sendsEditsAndDirectMessagesWithTheBotToken() {
        assertThat(rest.sendToChannel("100", new MessageCreateBuilder().setContent("hello").build())).isEqualTo("555");
        Seen post = seen.getLast();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/api/v10/channels/100/messages");
        assertThat(post.auth()).isEqualTo("Bot bot-token");
        assertThat(post.body()).contains("\"content\":\"hello\"");

        rest.editInChannel("100", "555", new MessageEditBuilder().setContent("edited")
                .setFiles(FileUpload.fromData("png-bytes".getBytes(StandardCharsets.UTF_8), "a.png")).build());
        Seen edit = seen.getLast();
        assertThat(edit.method()).isEqualTo("PATCH");
        assertThat(edit.path()).isEqualTo("/api/v10/channels/100/messages/555");
        assertThat(edit.contentType()).startsWith("multipart/form-data");
        assertThat(edit.body()).contains("payload_json").contains("edited").contains("a.png").contains("png-bytes");

        DiscordRest.Sent dm = rest.sendDirect("7", new MessageCreateBuilder().setContent("psst").build());
        assertThat(dm).isEqualTo(new DiscordRest.Sent("555", "555"));
        assertThat(seen.get(seen.size() - 2).path()).isEqualTo("/api/v10/users/@me/channels");
        assertThat(seen.get(seen.size() - 2).body()).contains("\"recipient_id\":\"7\"");
    }

    @Test
    void editsTheInteractionReplyThroughTheApplicationsWebhook() {
        rest.editOriginal("interaction-token", new MessageEditBuilder().setContent("done").build());
        Seen edit = seen.getLast();
        assertThat(edit.method()).isEqualTo("PATCH");
        assertThat(edit.path()).isEqualTo("/api/v10/webhooks/42/interaction-token/messages/@original");
        assertThat(edit.auth()).isNull();
    }

    @Test
    void errorsAreClassifiedForDelivery() {
        status = 429;
        answer = "{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":false}";
        assertThatThrownBy(() -> rest.sendToChannel("100", new MessageCreateBuilder().setContent("x").build()))
                .isInstanceOfSatisfying(DiscordCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DiscordCallException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2500));
                });
        status = 404;
        answer = "{\"message\":\"Unknown Webhook\",\"code\":10015}";
        assertThatThrownBy(() -> rest.editOriginal("old-token", new MessageEditBuilder().setContent("x").build()))
                .isInstanceOfSatisfying(DiscordCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(DiscordCallException.Kind.TOKEN_GONE));
        status = 503;
        answer = "upstream down";
        assertThatThrownBy(() -> rest.sendToChannel("100", new MessageCreateBuilder().setContent("x").build()))
                .isInstanceOfSatisfying(DiscordCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(DiscordCallException.Kind.TRANSIENT));
    }
}
