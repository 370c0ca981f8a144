package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.testkit.discord.FakeDiscord;
import io.atelier.testkit.discord.FakeDiscordRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The messages the bot addresses by channel id, end to end with the real JDA client against
 * {@link FakeDiscord} (the bot's JDA has no channel cache, so these go over plain REST):
 *
 * <ul>
 *   <li>the moderation channel: Publish on a result posts a publish request with Approve/Reject;
 *       Reject opens the reason form for a moderator only; the form's submit is acknowledged,
 *       recorded in the gallery's audit log with the chosen reason and the typed text, and closes
 *       the request;</li>
 *   <li>the delivery's fallback past the interaction token's lifetime: a channel message, edited
 *       in place.</li>
 * </ul>
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/discord-channel",
        "atelier.discord.token=fake-bot-token",
        "atelier.discord.moderation-channel=" + DiscordChannelEndToEndTest.MOD_CHANNEL,
        "atelier.worker.shutdown-grace=0s"
})
class DiscordChannelEndToEndTest extends AppTestSupport {

    static final String MOD_CHANNEL = "1700000000000000007";
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
    JdbcClient jdbc;

    @Test
    void aPublishRequestIsRejectedThroughTheReasonFormByAModeratorOnly() throws Exception {
        discord.awaitReady(WAIT);
        FakeDiscord.Interaction made = discord.slashCommand("imagine",
                List.of(FakeDiscord.option("prompt", 3, "a red fox in snow")), "2001", "0");
        FakeDiscordRequest result = discord.await("PATCH", original(made), r -> r.multipart() && r.hasPng(), WAIT);
        String publish = customIds(result.json()).stream().filter(id -> id.startsWith("atelier:publish:")).findFirst()
                .orElseThrow();
        String generationId = publish.substring("atelier:publish:".length());

        // The owner publishes: the request appears in the moderation channel with Approve and Reject.
        FakeDiscord.Interaction published = discord.button(publish, "1600000000000000006", "2001", "0");
        discord.await("POST", callback(published), r -> true, WAIT);
        assertThat(discord.await("PATCH", original(published), r -> true, WAIT).json().at("/embeds/0/title").asString())
                .isEqualTo("Submitted for review");
        FakeDiscordRequest request = discord.await("POST", "/channels/" + MOD_CHANNEL + "/messages",
                r -> customIds(r.json()).contains("atelier:reject:" + generationId), WAIT);
        assertThat(customIds(request.json())).contains("atelier:approve:" + generationId);
        String reject = "atelier:reject:" + generationId;

        // A member without the moderator role or Manage Messages gets no form.
        FakeDiscord.Interaction stranger = discord.button(reject, "1600000000000000008", "2002", "0");
        JsonNode refused = discord.await("POST", callback(stranger), r -> true, WAIT).json();
        assertThat(refused.path("type").asInt()).isEqualTo(4);
        assertThat(refused.at("/data/flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(refused.at("/data/content").asString()).startsWith("Only moderators");

        // A moderator gets the form: a standard reason and a required text.
        FakeDiscord.Interaction moderator = discord.button(reject, "1600000000000000008", "2003", FakeDiscord.MANAGE_MESSAGES);
        JsonNode form = discord.await("POST", callback(moderator), r -> true, WAIT).json();
        assertThat(form.path("type").asInt()).isEqualTo(9);
        assertThat(form.at("/data/custom_id").asString()).isEqualTo(reject);
        assertThat(customIds(form.path("data"))).contains("category", "reason");

        // Its submit is acknowledged as an edit of the request, recorded, and closes the request.
        FakeDiscord.Interaction submitted = discord.modalSubmit(reject, List.of(
                        FakeDiscord.labelled(1, Map.of("type", 3, "id", 2, "custom_id", "category", "values", List.of("spam"))),
                        FakeDiscord.labelled(3, Map.of("type", 4, "id", 4, "custom_id", "reason", "value", "an advert, not art"))),
                "1600000000000000008", "2003", FakeDiscord.MANAGE_MESSAGES);
        assertThat(discord.await("POST", callback(submitted), r -> true, WAIT).json().path("type").asInt()).isEqualTo(6);
        JsonNode closed = discord.await("PATCH", original(submitted), r -> true, WAIT).json();
        assertThat(closed.path("content").asString()).startsWith("Rejected by").endsWith("(spam): an advert, not art");
        assertThat(closed.path("components")).isEmpty();

        Map<String, Object> audit = jdbc.sql("""
                        SELECT actor_id, actor_role, after_status, reason, note FROM moderation_audit
                        WHERE target_id = ? ORDER BY id DESC LIMIT 1""")
                .param(generationId).query().singleRow();
        assertThat(audit).containsEntry("actor_role", "MODERATOR").containsEntry("after_status", "REJECTED")
                .containsEntry("reason", "spam").containsEntry("note", "an advert, not art");
        assertThat((String) audit.get("actor_id")).contains("2003");
    }

    @Test
    void aResultAfterTheInteractionTokensLifetimeIsPostedInTheChannelThenEditedThere() throws Exception {
        discord.awaitReady(WAIT);
        // The interaction's id says it was made 14 minutes ago: past the 13 minutes the token is used for.
        FakeDiscord.Interaction old = discord.slashCommandAt("imagine",
                List.of(FakeDiscord.option("prompt", 3, "an old lighthouse")), "2004", "0",
                Instant.now().minus(Duration.ofMinutes(14)));
        discord.await("POST", callback(old), r -> true, WAIT);
        String inChannel = "/channels/" + FakeDiscord.CHANNEL_ID + "/messages";
        FakeDiscordRequest posted = discord.await("POST", inChannel,
                r -> r.json().toString().contains("an old lighthouse"), WAIT);
        FakeDiscordRequest done = posted.hasPng() ? posted
                : discord.await("PATCH", inChannel + "/\\d+", r -> r.multipart() && r.hasPng(), WAIT);
        assertThat(done.json().toString()).contains("an old lighthouse").contains("atelier:reroll:");
        assertThat(discord.requests("PATCH", original(old))).isEmpty();
        assertThat(discord.requests("POST", "/channels/" + FakeDiscord.CHANNEL_ID + "/messages").stream()
                .filter(r -> r.json().toString().contains("an old lighthouse"))).hasSize(1);
    }

    /** Every {@code custom_id} anywhere in a message or form payload. */
    private static List<String> customIds(JsonNode payload) {
        List<String> ids = new ArrayList<>();
        payload.findValues("custom_id").forEach(v -> ids.add(v.asString()));
        return ids;
    }

    private static String callback(FakeDiscord.Interaction interaction) {
        return "/interactions/" + interaction.id() + "/" + interaction.token() + "/callback";
    }

    private static String original(FakeDiscord.Interaction interaction) {
        return "/webhooks/" + APP + "/" + interaction.token() + "/messages/@original";
    }
}
