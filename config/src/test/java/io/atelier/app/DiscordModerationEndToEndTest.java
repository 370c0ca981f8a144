package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * The moderation channel end to end, with the real JDA client against {@link FakeDiscord}: Publish
 * on a result posts a publish request with Approve/Reject to the configured channel; Reject opens
 * the reason form for a moderator only; the form's submit is acknowledged, recorded in the
 * gallery's audit log with the chosen reason and the typed text, and closes the request.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/discord-moderation",
        "atelier.discord.token=fake-bot-token",
        "atelier.discord.moderation-channel=" + DiscordModerationEndToEndTest.MOD_CHANNEL,
        "atelier.worker.shutdown-grace=0s"
})
class DiscordModerationEndToEndTest extends AppTestSupport {

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
        FakeDiscord.Request result = discord.await("PATCH", original(made), r -> r.multipart() && r.hasPng(), WAIT);
        String publish = customIds(result.json()).stream().filter(id -> id.startsWith("atelier:publish:")).findFirst()
                .orElseThrow();
        String generationId = publish.substring("atelier:publish:".length());

        // The owner publishes: the request appears in the moderation channel with Approve and Reject.
        FakeDiscord.Interaction published = discord.button(publish, "1600000000000000006", "2001", "0");
        discord.await("POST", callback(published), r -> true, WAIT);
        assertThat(discord.await("PATCH", original(published), r -> true, WAIT).json().at("/embeds/0/title").asString())
                .isEqualTo("Submitted for review");
        FakeDiscord.Request request = discord.await("POST", "/channels/" + MOD_CHANNEL + "/messages",
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
