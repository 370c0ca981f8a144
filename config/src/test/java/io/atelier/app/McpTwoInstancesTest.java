package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One MCP client session served by two instances on PostgreSQL behind a non-sticky round-robin
 * proxy: every request may land on either instance, a resource subscription made through one is
 * notified by whichever holds the listening stream, and the session outlives a restart of one
 * instance. A listening stream left open on an instance does not hold its graceful shutdown. An
 * OAuth access token granted on one instance is accepted by both.
 */
class McpTwoInstancesTest {

    @TempDir
    Path root;

    @Test
    void aSessionWorksAcrossTwoInstancesAndARestart() throws Exception {
        try (PostgresCluster cluster = new PostgresCluster("mcp", root)) {
            String[] slow = {"--atelier.providers.local.latency=3s", "--atelier.worker.poll-interval=200ms"};
            ChildApplication a = cluster.start("a", slow);
            a.waitUntilUp(PostgresCluster.ADMIN_KEY);
            ChildApplication b = cluster.start("b", slow);
            b.waitUntilUp(PostgresCluster.ADMIN_KEY);

            try (RoundRobinProxy proxy = new RoundRobinProxy(List.of(a.port, b.port))) {
                // An OAuth token (the browser step on one instance) works on both, on PostgreSQL.
                String token = OAuthConnector.accessToken("http://127.0.0.1:" + a.port, PostgresCluster.ADMIN_KEY);
                try (McpSyncClient oauth = McpHttpTest.client("http://127.0.0.1:" + proxy.port(), token)) {
                    oauth.initialize();
                    int first = proxy.served.size();
                    for (int i = 0; i < 3; i++) {
                        assertThat(oauth.listTools().tools()).hasSize(10);
                    }
                    assertThat(proxy.served.subList(first, proxy.served.size())).contains(a.port, b.port);
                }

                List<McpSchema.ResourceContents> updates = new CopyOnWriteArrayList<>();
                HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                        .builder("http://127.0.0.1:" + proxy.port()).endpoint("/mcp")
                        .httpRequestCustomizer((request, method, uri, body, context) ->
                                request.header("Authorization", "Bearer " + PostgresCluster.ADMIN_KEY))
                        .build();
                try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                        .resourcesUpdateConsumer(updates::addAll).build()) {
                    client.initialize();
                    for (int i = 0; i < 4; i++) {
                        assertThat(client.listTools().tools()).hasSize(10);
                    }
                    assertThat(proxy.served).contains(a.port, b.port);

                    // A subscription made on one instance, notified by the one holding the listening stream.
                    String generated = McpHttpTest.text(client, "generate_image", Map.of("prompt", "a windmill", "wait_seconds", 0));
                    String id = ScriptedChatModel.JSON.readTree(generated).get("id").stringValue();
                    client.subscribeResource(new McpSchema.SubscribeRequest("atelier://generations/" + id));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (updates.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertThat(updates).as("notifications/resources/updated").isNotEmpty();
                    assertThat(((TextResourceContents) updates.getFirst()).text()).contains("\"status\":\"succeeded\"");

                    // Restart instance b: the session lives in the database, so the client goes on without initialize.
                    assertThat(b.terminate()).isIn(0, 143);
                    ChildApplication b2 = cluster.start("b2", slow);
                    b2.waitUntilUp(PostgresCluster.ADMIN_KEY);
                    proxy.replace(b.port, b2.port);
                    int before = proxy.served.size();
                    for (int i = 0; i < 4; i++) {
                        assertThat(McpHttpTest.text(client, "get_generation", Map.of("id", id))).contains("succeeded");
                    }
                    assertThat(proxy.served.subList(before, proxy.served.size())).contains(a.port, b2.port);

                    // An idle listening stream on b2 does not hold its graceful shutdown.
                    String session = onlySession(cluster);
                    CompletableFuture<HttpResponse<InputStream>> idle = HttpClient.newHttpClient().sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b2.port + "/mcp"))
                                    .header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                                    .header("Authorization", "Bearer " + PostgresCluster.ADMIN_KEY).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(idle.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                    b2.terminate();
                    assertThat(b2.log()).contains("Graceful shutdown complete").doesNotContain("Graceful shutdown aborted");
                }
            }
        }
    }

    /** The client's session id, as stored (the only session of this cluster). */
    private static String onlySession(PostgresCluster cluster) throws Exception {
        try (var connection = cluster.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT id FROM mcp_sessions")) {
            assertThat(rows.next()).isTrue();
            String id = rows.getString(1);
            assertThat(rows.next()).isFalse();
            return id;
        }
    }
}
