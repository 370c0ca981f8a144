package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.jobs.JobScheduler;
import io.atelier.testkit.discord.FakeDiscord;
import io.atelier.testkit.discord.FakeDiscordRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Discord bot end to end: the real JDA client against {@link FakeDiscord} (REST + gateway on
 * loopback), the real application behind it. Checks the exact requests: the deferred interaction
 * callback, {@code PATCH …/messages/@original} with the image after the job ends, a button click
 * producing a new job; and across a restart of the bot and the job engine (JDA session, interaction
 * state and in-process events gone): a job pending at the restart still ends in its message, and
 * a button created before the restart still works.
 *
 * <p>The early in-process delivery trigger is off here: every message edit comes from the durable
 * chat-delivery job.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/discord-e2e",
        "atelier.discord.token=fake-bot-token",
        "atelier.providers.local.latency=1500ms",
        "atelier.worker.shutdown-grace=0s",
        "atelier.chat.delivery.progress-interval=200ms",
        "atelier.chat.delivery.early-trigger=false"
})
class DiscordEndToEndTest extends AppTestSupport {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final FakeDiscord discord = FakeDiscordHolder.start();
    static final String APP = FakeDiscord.APP_ID;

    @DynamicPropertySource
    static void discordUrls(DynamicPropertyRegistry registry) {
        registry.add("atelier.discord.api-base-url", discord::apiBaseUrl);
        registry.add("atelier.discord.gateway-url", discord::gatewayUrl);
    }

    @AfterAll
    static void stopFake() throws Exception {
        discord.close();
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    JobScheduler jobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void imagineIsDeferredThenEditedWithTheImageAndButtonsSurviveARestart() throws Exception {
        discord.awaitReady(WAIT);
        // The gateway was opened by the holder of the leader lease (this instance, the only one).
        assertThat(jdbc.sql("SELECT COUNT(*) FROM leader_leases WHERE lease_name = 'discord-gateway'")
                .query(Long.class).single()).isEqualTo(1);
        FakeDiscordRequest registration = discord.await("PUT", "/applications/" + APP + "/commands", r -> true, WAIT);
        List<String> names = new ArrayList<>();
        registration.json().forEach(c -> names.add(c.path("name").asString()));
        assertThat(names).containsExactly("imagine", "describe", "blend", "templates", "models", "jobs", "show", "settings",
                "quota", "server-settings");

        // 1. /imagine → deferred callback (type 5) → the message edited with the image.
        FakeDiscord.Interaction first = discord.slashCommand("imagine", List.of(
                FakeDiscord.option("prompt", 3, "a red fox in snow"),
                FakeDiscord.option("aspect_ratio", 3, "16:9")), "2001", "0");
        FakeDiscordRequest ack = discord.await("POST", "/interactions/" + first.id() + "/" + first.token() + "/callback",
                r -> true, WAIT);
        assertThat(ack.json().path("type").asInt()).isEqualTo(5);
        FakeDiscordRequest done = discord.await("PATCH", "/webhooks/" + APP + "/" + first.token() + "/messages/@original",
                r -> r.multipart() && r.hasPng(), WAIT);
        assertThat(done.receivedNanos()).isGreaterThan(ack.receivedNanos());
        JsonNode result = done.json();
        String image = done.fileNames().getFirst();
        assertThat(image).matches("atelier-[0-9a-f]{8}-1\\.png");
        assertThat(result.at("/embeds/0/image/url").asString()).isEqualTo("attachment://" + image);
        // The prompt as used (enhanced by default), and the user's own words beside it.
        assertThat(result.at("/embeds/0/description").asString()).startsWith("a red fox in snow, ");
        assertThat(result.at("/embeds/0/fields/0/name").asString()).isEqualTo("Your prompt");
        assertThat(result.at("/embeds/0/fields/0/value").asString()).isEqualTo("a red fox in snow");
        assertThat(result.at("/embeds/0/title").asString()).isEqualTo("Done");
        String reroll = result.at("/components/0/components/0/custom_id").asString();
        assertThat(reroll).startsWith("atelier:reroll:").hasSizeLessThanOrEqualTo(100);
        String generationId = reroll.substring("atelier:reroll:".length());
        assertThat(result.at("/embeds/0/footer/text").asString()).isEqualTo("id " + generationId);
        assertThat(jdbc.sql("SELECT aspect_ratio FROM generations WHERE id = ?").param(generationId)
                .query(String.class).single()).isEqualTo("16:9");

        // 2. A second /imagine is pending when the bot and the job engine restart.
        FakeDiscord.Interaction second = discord.slashCommand("imagine",
                List.of(FakeDiscord.option("prompt", 3, "a lighthouse at dusk")), "2001", "0");
        discord.await("POST", "/interactions/" + second.id() + "/" + second.token() + "/callback", r -> true, WAIT);
        discord.await("PATCH", "/webhooks/" + APP + "/" + second.token() + "/messages/@original", r -> !r.multipart(), WAIT);
        discord.expectNewSession();
        Lifecycle bot = context.getBean("discordBot", Lifecycle.class);
        jobs.stop();
        bot.stop();
        jobs.start();
        bot.start();
        discord.awaitReady(WAIT);
        assertThat(discord.identifies()).isEqualTo(2);

        // The pending job ends after the restart, and its message gets the image.
        discord.await("PATCH", "/webhooks/" + APP + "/" + second.token() + "/messages/@original",
                r -> r.multipart() && r.hasPng(), WAIT);

        // 3. Reroll on the first result (a button created before the restart) starts a new job.
        FakeDiscord.Interaction click = discord.button(reroll, "1600000000000000006", "2002", "0");
        FakeDiscordRequest clickAck = discord.await("POST", "/interactions/" + click.id() + "/" + click.token() + "/callback",
                r -> true, WAIT);
        assertThat(clickAck.json().path("type").asInt()).isEqualTo(5);
        FakeDiscordRequest rerolled = discord.await("PATCH", "/webhooks/" + APP + "/" + click.token() + "/messages/@original",
                r -> r.multipart() && r.hasPng(), WAIT);
        assertThat(rerolled.json().at("/embeds/0/fields/0/value").asString()).isEqualTo("a red fox in snow");
        String newId = rerolled.json().at("/components/0/components/0/custom_id").asString().substring("atelier:reroll:".length());
        assertThat(newId).isNotEqualTo(generationId);
        assertThat(jdbc.sql("SELECT user_id FROM chat_jobs WHERE generation_id = ?").param(newId).query(String.class).single())
                .isEqualTo("2002");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_jobs").query(Long.class).single()).isEqualTo(3L);

        // No interaction token was used after a failure, and nothing fell back to channel messages.
        assertThat(discord.requests("POST", "/channels/\\d+/messages")).isEmpty();
    }
}
