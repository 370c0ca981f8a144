package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.testkit.discord.FakeDiscord;
import io.atelier.testkit.discord.FakeDiscordRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Deliveries that never stick, through JDA against {@link FakeDiscord}. The interaction token is
 * used for 3 s here (13 minutes in production) and each image takes 5 s, so every result arrives
 * past the token's lifetime:
 *
 * <ul>
 *   <li>the result edits the original message with the bot token in its channel (no second message);</li>
 *   <li>a result Discord answers with 413 ends in a visible failure message with Retry, not on "Generating".</li>
 * </ul>
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/discord-limits",
        "atelier.discord.token=fake-bot-token",
        "atelier.discord.interaction-token-ttl=3s",
        "atelier.providers.local.latency=5s",
        "atelier.chat.delivery.progress-interval=200ms",
        "atelier.worker.shutdown-grace=0s"
})
class DiscordDeliveryLimitsTest extends AppTestSupport {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final FakeDiscord discord = FakeDiscordHolder.start();
    static final String CHANNEL_MESSAGE = "/channels/" + FakeDiscord.CHANNEL_ID + "/messages/\\d+";

    @DynamicPropertySource
    static void discordUrls(DynamicPropertyRegistry registry) {
        registry.add("atelier.discord.api-base-url", discord::apiBaseUrl);
        registry.add("atelier.discord.gateway-url", discord::gatewayUrl);
    }

    @AfterAll
    static void stopFake() throws Exception {
        discord.close();
    }

    private static String original(FakeDiscord.Interaction interaction) {
        return "/webhooks/" + FakeDiscord.APP_ID + "/" + interaction.token() + "/messages/@original";
    }

    @Test
    void aResultPastTheTokensLifetimeEditsTheOriginalMessageWithTheBotToken() throws Exception {
        discord.awaitReady(WAIT);
        FakeDiscord.Interaction made = discord.slashCommand("imagine",
                List.of(FakeDiscord.option("prompt", 3, "a slow tide over flats")), "3001", "0");
        // While the token lives, the message is edited through it (the bot learns the message's id).
        discord.await("PATCH", original(made), r -> r.json().toString().contains("a slow tide over flats"), WAIT);
        FakeDiscordRequest done = discord.await("PATCH", CHANNEL_MESSAGE,
                r -> r.multipart() && r.hasPng() && r.json().toString().contains("a slow tide over flats"), WAIT);
        assertThat(done.json().toString()).contains("atelier:reroll:");
        assertThat(discord.requests("POST", "/channels/" + FakeDiscord.CHANNEL_ID + "/messages").stream()
                .filter(r -> r.json().toString().contains("a slow tide over flats"))).as("no second message").isEmpty();
    }

    @Test
    void aResultDiscordRefusesAs413EndsInAFailureMessageWithRetry() throws Exception {
        discord.awaitReady(WAIT);
        discord.failNextMatching("PATCH", CHANNEL_MESSAGE, r -> r.multipart() && r.hasPng(), 413,
                "{\"message\": \"Request entity too large\", \"code\": 40005}");
        FakeDiscord.Interaction made = discord.slashCommand("imagine",
                List.of(FakeDiscord.option("prompt", 3, "a heavy harbour crane")), "3002", "0");
        discord.await("PATCH", original(made), r -> r.json().toString().contains("a heavy harbour crane"), WAIT);
        FakeDiscordRequest failed = discord.await("PATCH", CHANNEL_MESSAGE,
                r -> r.json().toString().contains("DELIVERY_REJECTED"), WAIT);
        assertThat(failed.json().toString()).contains("atelier:retry:").contains("413");
    }

    @Test
    void aServersOwnQuotaReplacesTheGlobalOneAndOnlyManageServerMayChangeIt() throws Exception {
        discord.awaitReady(WAIT);
        FakeDiscord.Interaction refused = discord.slashCommand("server-settings",
                List.of(FakeDiscord.option("user_daily", 4, 1)), "3101", "0");
        assertThat(discord.await("POST", "/webhooks/" + FakeDiscord.APP_ID + "/" + refused.token(), r -> true, WAIT)
                .json().toString()).contains("Only members with Manage Server");

        String manageServer = "32";
        FakeDiscord.Interaction saved = discord.slashCommand("server-settings",
                List.of(FakeDiscord.option("user_daily", 4, 1)), "3101", manageServer);
        assertThat(discord.await("PATCH", original(saved), r -> r.json().toString().contains("Server settings saved"), WAIT)
                .json().toString()).contains("1 a day");

        FakeDiscord.Interaction first = discord.slashCommand("imagine",
                List.of(FakeDiscord.option("prompt", 3, "the first of the day")), "3102", "0");
        discord.await("PATCH", original(first), r -> r.json().toString().contains("the first of the day"), WAIT);
        FakeDiscord.Interaction second = discord.slashCommand("imagine",
                List.of(FakeDiscord.option("prompt", 3, "one too many")), "3102", "0");
        assertThat(discord.await("POST", "/webhooks/" + FakeDiscord.APP_ID + "/" + second.token(), r -> true, WAIT)
                .json().toString()).contains("QUOTA_USER_DAILY");
    }
}
