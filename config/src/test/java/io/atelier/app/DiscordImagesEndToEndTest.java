package io.atelier.app;

import static io.atelier.testkit.discord.FakeDiscord.option;
import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.provider.ProviderRequest;
import io.atelier.testkit.discord.FakeDiscord;
import io.atelier.testkit.discord.FakeDiscordRequest;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Midjourney's loop on Discord, end to end: the real JDA client against {@link FakeDiscord}, the
 * real application behind it ({@link ChatImagesTestSupport}), the provider requests recorded. Four
 * images, then V2 starts from image 2, U3 gives image 3 larger, Remix runs an edited prompt, Cancel on
 * a running job refunds it and edits its message; attachments reach the provider as the init image or
 * as references ({@code /blend}); {@code /describe} answers four prompts whose buttons imagine them;
 * a running job shows a live preview; bad input is refused in the chat without a charge.
 */
class DiscordImagesEndToEndTest extends ChatImagesTestSupport {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String APP = FakeDiscord.APP_ID;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    VisionChatModel vision;

    @BeforeEach
    void connected() throws InterruptedException {
        DISCORD.awaitReady(WAIT);
    }

    @Test
    void fourImagesThenV2FromImage2ThenU3LargerThenRemixWithAnEditedPrompt() throws Exception {
        FakeDiscord.Interaction first = DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "a lighthouse at dusk"),
                option("count", 4, 4)), "3001", "0");
        FakeDiscordRequest done = result(first);
        assertThat(done.fileNames()).hasSize(5).first().isEqualTo("grid.png");
        List<byte[]> files = done.files();
        String id = generationOf(done.json());
        assertThat(customIds(done.json())).containsExactly(
                "atelier:reroll:" + id, "atelier:upscale.1:" + id, "atelier:upscale.2:" + id, "atelier:upscale.3:" + id,
                "atelier:upscale.4:" + id,
                "atelier:remix:" + id, "atelier:vary_strong.1:" + id, "atelier:vary_strong.2:" + id,
                "atelier:vary_strong.3:" + id, "atelier:vary_strong.4:" + id,
                "atelier:publish:" + id, "atelier:delete:" + id, "atelier:details:" + id);

        // V2: image-to-image from image 2, four variations, a strong strength.
        FakeDiscord.Interaction v2 = DISCORD.button("atelier:vary_strong.2:" + id, "1600000000000000100", "3002", "0");
        FakeDiscordRequest varied = result(v2);
        ProviderRequest sent = RecordingLocalProvider.await(r -> r.initImage() != null && r.upscale() == null
                && r.prompt().startsWith("a lighthouse at dusk"), WAIT);
        assertThat(TestImages.pixels(sent.initImage().bytes())).isEqualTo(TestImages.pixels(files.get(2)));
        assertThat(sent.strength()).isEqualTo(0.7);
        assertThat(sent.count()).isEqualTo(4);
        assertThat(generationOf(varied.json())).isNotEqualTo(id);

        // U3: local/preview's upscaler draws image 3 again at twice the size.
        FakeDiscord.Interaction u3 = DISCORD.button("atelier:upscale.3:" + id, "1600000000000000100", "3002", "0");
        FakeDiscordRequest upscaled = result(u3);
        BufferedImage three = TestImages.decode(files.get(3));
        BufferedImage large = TestImages.decode(upscaled.files().getFirst());
        assertThat(large.getWidth()).isEqualTo(2 * three.getWidth());
        assertThat(large.getHeight()).isEqualTo(2 * three.getHeight());
        ProviderRequest upscale = RecordingLocalProvider.await(r -> r.upscale() != null, WAIT);
        assertThat(upscale.upscale().sourceIndex()).isEqualTo(2);
        assertThat(TestImages.pixels(upscale.initImage().bytes())).isEqualTo(TestImages.pixels(files.get(3)));
        String upscaledId = generationOf(upscaled.json());
        assertThat(customIds(upscaled.json())).contains("atelier:vary_subtle.1:" + upscaledId, "atelier:upscale.1:" + upscaledId);

        // Remix: the form, prefilled from the message, then the edited prompt runs with the other options kept.
        List<Object> embeds = JSON.convertValue(done.json().get("embeds"), List.class);
        FakeDiscord.Interaction remix = DISCORD.button("atelier:remix:" + id, "1600000000000000100", "3001", "0", embeds);
        JsonNode form = DISCORD.await("POST", callback(remix), r -> true, WAIT).json();
        assertThat(form.path("type").asInt()).as("a modal").isEqualTo(9);
        assertThat(form.at("/data/custom_id").asString()).isEqualTo("atelier:remix:" + id);
        assertThat(form.at("/data/components/0/component/value").asString()).isEqualTo("a lighthouse at dusk");
        assertThat(form.at("/data/components/3/component/value").asString()).isEqualTo("local/preview");
        FakeDiscord.Interaction submitted = DISCORD.modalSubmit("atelier:remix:" + id, List.of(
                FakeDiscord.labelled(1, Map.of("type", 4, "id", 2, "custom_id", "prompt", "value", "a lighthouse at dawn")),
                FakeDiscord.labelled(3, Map.of("type", 4, "id", 4, "custom_id", "aspect_ratio", "value", "16:9"))),
                "1600000000000000100", "3001", "0");
        FakeDiscordRequest remixed = result(submitted);
        String remixedId = generationOf(remixed.json());
        Map<String, Object> row = jdbc.sql("SELECT original_prompt, aspect_ratio, image_count FROM generations WHERE id = ?")
                .param(remixedId).query().singleRow();
        assertThat(row).containsEntry("original_prompt", "a lighthouse at dawn").containsEntry("aspect_ratio", "16:9");
        assertThat(((Number) row.get("image_count")).intValue()).isEqualTo(4);
    }

    @Test
    void cancelOnARunningJobRefundsItAndEditsItsMessage() {
        // The fake AUTOMATIC1111 renders "hold" prompts until it is interrupted: the job runs until canceled.
        FakeDiscord.Interaction run = DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "hold a slow sunrise"),
                option("count", 4, 4), option("model", 3, "automatic1111/default")), "3003", "0");
        FakeDiscordRequest pending = DISCORD.await("PATCH", original(run), r -> !r.multipart()
                && r.text().contains("atelier:cancel:"), WAIT);
        String id = customIds(pending.json()).getFirst().substring("atelier:cancel:".length());
        awaitStatus(id, "PROCESSING");
        String team = jdbc.sql("SELECT team_id FROM generations WHERE id = ?").param(id).query(String.class).single();
        long charged = credits(team);

        FakeDiscord.Interaction stranger = DISCORD.button("atelier:cancel:" + id, "1600000000000000200", "3999", "0");
        JsonNode refused = DISCORD.await("PATCH", original(stranger), r -> true, WAIT).json();
        assertThat(refused.toString()).contains("Only the person who created this image or a moderator can cancel it");

        FakeDiscord.Interaction cancel = DISCORD.button("atelier:cancel:" + id, "1600000000000000200", "3003", "0");
        JsonNode ack = DISCORD.await("POST", callback(cancel), r -> true, WAIT).json();
        assertThat(ack.at("/data/flags").asInt() & 64).as("answered to the clicker alone").isEqualTo(64);
        JsonNode answer = DISCORD.await("PATCH", original(cancel), r -> true, WAIT).json();
        assertThat(answer.at("/embeds/0/title").asString()).isEqualTo("Canceled");
        assertThat(answer.at("/embeds/0/description").asString()).contains("4 credits were refunded");

        DISCORD.await("PATCH", original(run), r -> r.text().contains("\"title\":\"Canceled\""), WAIT);
        assertThat(status(id)).isEqualTo("CANCELED");
        assertThat(credits(team)).isEqualTo(charged + 4);
    }

    @Test
    void anAttachedImageReachesTheProviderAsItsInitImage() {
        byte[] photo = TestImages.png(96, 64, 0x3366CC);
        Map<String, Object> attachment = DISCORD.attachment("harbour.png", "image/png", photo, 96, 64);
        FakeDiscord.Interaction run = DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "the same harbour at night"),
                option("image", 11, attachment.get("id"))), "3004", "0", List.of(attachment));

        result(run);

        ProviderRequest sent = RecordingLocalProvider.await(r -> r.prompt().startsWith("the same harbour at night"), WAIT);
        assertThat(sent.initImage()).isNotNull();
        assertThat(TestImages.pixels(sent.initImage().bytes())).isEqualTo(TestImages.pixels(photo));
        assertThat(DISCORD.attachmentDownloads()).anySatisfy(r -> assertThat(r.path()).endsWith("/harbour.png"));
    }

    @Test
    void describeAnswersFourPromptsWhoseButtonsImagineThem() {
        byte[] photo = TestImages.png(80, 80, 0xCC5522);
        Map<String, Object> attachment = DISCORD.attachment("fox.png", "image/png", photo, 80, 80);
        FakeDiscord.Interaction describe = DISCORD.slashCommand("describe", List.of(option("image", 11, attachment.get("id"))),
                "3005", "0", List.of(attachment));

        JsonNode answer = DISCORD.await("PATCH", original(describe), r -> r.text().contains("Described"), WAIT).json();
        String text = answer.at("/embeds/0/description").asString();
        VisionChatModel.PROMPTS.forEach(p -> assertThat(text).contains(p));
        List<String> buttons = customIds(answer);
        assertThat(buttons).hasSize(4).allMatch(b -> b.startsWith("atelier:imagine_prompt."));
        assertThat(vision.seen).isNotEmpty();

        FakeDiscord.Interaction second = DISCORD.button(buttons.get(1), "1600000000000000300", "3006", "0");
        String id = generationOf(result(second).json());
        assertThat(jdbc.sql("SELECT original_prompt FROM generations WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo(VisionChatModel.PROMPTS.get(1));
    }

    @Test
    void blendOfThreeImagesSendsThemAsReferences() {
        List<byte[]> images = List.of(TestImages.png(40, 40, 0xCC0000), TestImages.png(40, 40, 0x00CC00),
                TestImages.png(40, 40, 0x0000CC));
        List<Map<String, Object>> attachments = new ArrayList<>();
        List<Map<String, Object>> options = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attachments.add(DISCORD.attachment("part" + i + ".png", "image/png", images.get(i), 40, 40));
            options.add(option("image" + (i + 1), 11, attachments.get(i).get("id")));
        }
        options.add(option("prompt", 3, "three colours as one flag"));

        result(DISCORD.slashCommand("blend", options, "3007", "0", attachments));

        ProviderRequest sent = RecordingLocalProvider.await(r -> r.prompt().startsWith("three colours as one flag"), WAIT);
        assertThat(sent.referenceImages()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(TestImages.pixels(sent.referenceImages().get(i).bytes())).isEqualTo(TestImages.pixels(images.get(i)));
        }
    }

    @Test
    void aRunningJobShowsALivePreviewFromItsProvider() {
        FakeDiscord.Interaction run = DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "a harbour at night"),
                option("model", 3, "automatic1111/default")), "3008", "0");

        FakeDiscordRequest preview = DISCORD.await("PATCH", original(run), r -> r.multipart()
                && r.text().contains("\"title\":\"Generating\""), WAIT);
        assertThat(preview.fileNames()).singleElement().satisfies(name -> assertThat(name).matches("preview-\\d+\\.jpg"));
        assertThat(preview.json().at("/embeds/0/image/url").asString()).isEqualTo("attachment://" + preview.fileNames().getFirst());
        assertThat(TestImages.decode(preview.files().getFirst()).getWidth()).isEqualTo(64);
        result(run);
    }

    @Test
    void badInputIsRefusedInTheChatWithoutACharge() {
        // A first job makes the guild's team exist; its credits are then checked across the refusals.
        result(DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "a first fox")), "3009", "0"));
        String team = jdbc.sql("SELECT team_id FROM chat_tenants WHERE tenant_id = ?").param(FakeDiscord.GUILD_ID)
                .query(String.class).single();
        long credits = credits(team);
        long generations = generationCount(team);

        Map<String, Object> text = DISCORD.attachment("notes.txt", "text/plain", "just words".getBytes(), null, null);
        assertRefused(DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "from text"),
                option("image", 11, text.get("id"))), "3009", "0", List.of(text)), "is not an image");

        Map<String, Object> disguised = DISCORD.attachment("cat.png", "image/png", "not a png at all".getBytes(), 64, 64);
        assertRefused(DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "from a fake png"),
                option("image", 11, disguised.get("id"))), "3009", "0", List.of(disguised)), "is not a PNG, JPEG, WebP or GIF");

        Map<String, Object> declaredHuge = DISCORD.attachment("huge.png", "image/png", TestImages.png(8, 8, 0), 3000, 3000);
        assertRefused(DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "too big"),
                option("image", 11, declaredHuge.get("id"))), "3009", "0", List.of(declaredHuge)), "3000x3000 pixels");

        Map<String, Object> reallyHuge = DISCORD.attachment("wide.png", "image/png", TestImages.png(2100, 2000, 0), null, null);
        assertRefused(DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "too big, undeclared"),
                option("image", 11, reallyHuge.get("id"))), "3009", "0", List.of(reallyHuge)), "2100x2000 pixels");

        Map<String, Object> single = DISCORD.attachment("one.png", "image/png", TestImages.png(32, 32, 0x123456), 32, 32);
        assertRefused(DISCORD.slashCommand("blend", List.of(option("image1", 11, single.get("id"))), "3009", "0",
                List.of(single)), "/blend takes 2 to 5 images");

        FakeDiscord.Interaction failing = DISCORD.slashCommand("imagine", List.of(option("prompt", 3, "please fail"),
                option("model", 3, "automatic1111/default")), "3009", "0");
        JsonNode failed = DISCORD.await("PATCH", original(failing), r -> r.text().contains("Generation failed"), WAIT).json();
        String failedId = failed.at("/embeds/0/footer/text").asString().substring("id ".length());
        long afterFailure = generationCount(team);
        assertThat(afterFailure).isEqualTo(generations + 1);
        assertRefused(DISCORD.button("atelier:upscale.1:" + failedId, "1600000000000000400", "3009", "0"),
                "Only a finished image can be upscaled; this generation ended failed");

        assertThat(generationCount(team)).as("no job for any refusal").isEqualTo(afterFailure);
        assertThat(credits(team)).as("nothing charged; the failed job refunded").isEqualTo(credits);
    }

    /** The interaction's deferred reply removed and the reason sent to the user alone. */
    private static void assertRefused(FakeDiscord.Interaction interaction, String reason) {
        FakeDiscordRequest followUp = DISCORD.await("POST", "/webhooks/" + APP + "/" + interaction.token(),
                r -> true, WAIT);
        assertThat(followUp.json().path("flags").asInt() & 64).isEqualTo(64);
        assertThat(followUp.text()).contains(reason);
        DISCORD.await("DELETE", original(interaction), r -> true, WAIT);
    }

    private static FakeDiscordRequest result(FakeDiscord.Interaction interaction) {
        return DISCORD.await("PATCH", original(interaction), r -> r.multipart() && r.hasPng()
                && r.text().contains("\"title\":\"Done\""), WAIT);
    }

    static List<String> customIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        for (JsonNode row : message.path("components")) {
            for (JsonNode component : row.path("components")) {
                ids.add(component.path("custom_id").asString());
            }
        }
        return ids;
    }

    static String generationOf(JsonNode message) {
        return message.at("/embeds/0/footer/text").asString().substring("id ".length());
    }

    private void awaitStatus(String id, String wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!wanted.equals(status(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("generation " + id + " never reached " + wanted + "; it is " + status(id));
            }
            sleep(20);
        }
    }

    private String status(String id) {
        return jdbc.sql("SELECT status FROM generations WHERE id = ?").param(id).query(String.class).single();
    }

    private long credits(String team) {
        return jdbc.sql("SELECT credits FROM teams WHERE id = ?").param(team).query(Long.class).single();
    }

    private long generationCount(String team) {
        return jdbc.sql("SELECT COUNT(*) FROM generations WHERE team_id = ?").param(team).query(Long.class).single();
    }

    private static String callback(FakeDiscord.Interaction interaction) {
        return "/interactions/" + interaction.id() + "/" + interaction.token() + "/callback";
    }

    private static String original(FakeDiscord.Interaction interaction) {
        return "/webhooks/" + APP + "/" + interaction.token() + "/messages/@original";
    }
}
