package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One Atelier, many Slack workspaces: two workspaces install the app through Bolt's OAuth flow
 * ({@code /slack/install} → Slack's authorize page → {@code /slack/oauth_redirect} → {@link FakeSlack}'s
 * {@code oauth.v2.access}), each is then served with its own bot token, and {@code app_uninstalled}
 * removes a workspace's installation. No {@code atelier.slack.bot-token}: every token comes from an install.
 */
@TestPropertySource(properties = {
        "atelier.slack.client-id=1234.5678",
        "atelier.slack.client-secret=atelier-client-secret",
        "atelier.slack.signing-secret=" + SlackTestSupport.SIGNING_SECRET,
        "atelier.slack.redirect-uri=https://atelier.example/slack/oauth_redirect",
        "atelier.slack.update-interval=20ms",
        "atelier.slack.post-interval=20ms",
        "atelier.data-dir=${atelier.test-root}/slack-oauth"
})
class SlackOAuthInstallTest extends AppTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final FakeSlack SLACK = new FakeSlack();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("atelier.slack.api-url", SLACK::apiUrl);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole install of one workspace, as a browser does it. */
    private void install(String team) throws IOException, InterruptedException {
        HttpResponse<String> start = get("/slack/install", null);
        assertThat(start.statusCode()).isEqualTo(302);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://slack.com/oauth/v2/authorize").contains("client_id=1234.5678")
                .contains("scope=").contains(URLDecoder.decode("redirect_uri=", StandardCharsets.UTF_8));
        Matcher state = Pattern.compile("[?&]state=([^&]+)").matcher(location);
        assertThat(state.find()).isTrue();
        String cookie = start.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .filter(c -> c.contains(state.group(1))).findFirst().orElseThrow();

        // Slack sends the installer back with a code and the state.
        HttpResponse<String> done = get("/slack/oauth_redirect?code=code-" + team + "&state=" + state.group(1), cookie);
        assertThat(done.statusCode()).as(done.body()).isIn(200, 302);
        FakeSlack.Call exchange = SLACK.await(c -> c.method().equals("oauth.v2.access") && ("code-" + team).equals(c.param("code")),
                WAIT);
        assertThat(exchange.param("redirect_uri")).isEqualTo("https://atelier.example/slack/oauth_redirect");
    }

    @Test
    void twoWorkspacesInstallThroughOAuthAndEachIsServedWithItsOwnToken() throws Exception {
        install("TALPHA");
        install("TBETA");
        assertThat(jdbc.queryForList("SELECT team_id FROM slack_installations ORDER BY team_id", String.class))
                .containsExactly("TALPHA", "TBETA");
        // A state the installer's browser did not get is refused: no token exchanged.
        assertThat(get("/slack/oauth_redirect?code=code-TEVIL&state=forged", null).statusCode()).isNotIn(302);
        assertThat(jdbc.queryForList("SELECT team_id FROM slack_installations WHERE team_id = 'TEVIL'", String.class)).isEmpty();

        imagine("TALPHA", "C-ALPHA", "an alpine lake");
        imagine("TBETA", "C-BETA", "a beta fish");
        FakeSlack.Call alpha = SlackHttpFlowTest.awaitPendingIn(SLACK, "C-ALPHA");
        FakeSlack.Call beta = SlackHttpFlowTest.awaitPendingIn(SLACK, "C-BETA");
        assertThat(alpha.param(FakeSlack.TOKEN)).isEqualTo("xoxb-TALPHA-token");
        assertThat(beta.param(FakeSlack.TOKEN)).isEqualTo("xoxb-TBETA-token");
        String alphaTs = alpha.param(FakeSlack.ANSWERED_TS);
        FakeSlack.Call finalAlpha = SLACK.await(c -> SlackHttpFlowTest.isFinalUpdate(c, alphaTs), WAIT);
        assertThat(finalAlpha.param(FakeSlack.TOKEN)).isEqualTo("xoxb-TALPHA-token");
        // Every call made for a workspace carried that workspace's token, never the other's.
        for (FakeSlack.Call c : SLACK.calls()) {
            if ("C-ALPHA".equals(c.param("channel")) || "C-ALPHA".equals(c.param("channel_id"))) {
                assertThat(c.param(FakeSlack.TOKEN)).as(c.method()).isEqualTo("xoxb-TALPHA-token");
            }
            if ("C-BETA".equals(c.param("channel")) || "C-BETA".equals(c.param("channel_id"))) {
                assertThat(c.param(FakeSlack.TOKEN)).as(c.method()).isEqualTo("xoxb-TBETA-token");
            }
        }

        // The workspace uninstalls the app: its installation (and token) is gone.
        long ts = SlackRequests.now();
        String uninstall = SlackRequests.appUninstalled("TBETA", "Ev" + UUID.randomUUID());
        assertThat(SlackRequests.post(port, uninstall, SlackRequests.JSON_TYPE, Long.toString(ts),
                SlackRequests.sign(SlackTestSupport.SIGNING_SECRET, ts, uninstall), Map.of()).status()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !jdbc.queryForList(
                "SELECT team_id FROM slack_installations WHERE team_id = 'TBETA'", String.class).isEmpty()) {
            sleep(50);
        }
        assertThat(jdbc.queryForList("SELECT team_id FROM slack_installations", String.class)).containsExactly("TALPHA");
    }

    private void imagine(String team, String channel, String prompt) {
        String body = SlackRequests.slashCommandIn(team, "/imagine", "U1" + team, channel, prompt, "trig-" + UUID.randomUUID(),
                SLACK.responseUrl("r-" + channel));
        long ts = SlackRequests.now();
        assertThat(SlackRequests.post(port, body, SlackRequests.FORM, Long.toString(ts),
                SlackRequests.sign(SlackTestSupport.SIGNING_SECRET, ts, body), Map.of()).status()).isEqualTo(200);
    }
}
