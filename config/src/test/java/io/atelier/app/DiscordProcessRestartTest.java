package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.testkit.discord.FakeDiscord;
import io.atelier.testkit.discord.FakeDiscordRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Discord bot across a real process restart, not only a restart of its parts inside one JVM
 * ({@link DiscordEndToEndTest}): the first process is killed (SIGKILL) while an {@code /imagine} is
 * pending; a second process on the same data directory takes the gateway over once the dead
 * holder's leader lease has expired, finishes the pending message with its image through the
 * interaction token, and answers a Reroll button the first process made.
 */
class DiscordProcessRestartTest {

    private static final String KEY = "discord-restart-admin-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String APP = FakeDiscord.APP_ID;

    @TempDir
    Path dataDir;

    private static String[] args(FakeDiscord discord) {
        return new String[] {
                "--atelier.bootstrap-api-key=" + KEY,
                "--atelier.providers.local.latency=3s",
                "--atelier.generation.in-flight-limits.local=2",
                "--atelier.worker.poll-interval=300ms",
                "--atelier.worker.heartbeat-interval=1s",
                "--atelier.worker.missed-heartbeats=4",
                "--atelier.worker.shutdown-grace=1s",
                "--atelier.discord.token=fake-bot-token",
                "--atelier.discord.api-base-url=" + discord.apiBaseUrl(),
                "--atelier.discord.gateway-url=" + discord.gatewayUrl(),
                "--atelier.discord.leader.ttl=3s",
                "--atelier.discord.leader.renew-interval=1s",
                "--atelier.chat.delivery.progress-interval=300ms"
        };
    }

    @Test
    void aKilledBotsPendingMessageAndItsButtonsWorkInTheNextProcess() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            String reroll;
            String upscale;
            FakeDiscord.Interaction pending;
            try (ChildApplication first = ChildApplication.start(dataDir, "first.log", args(discord))) {
                first.waitUntilUp(KEY);
                discord.awaitReady(WAIT);
                FakeDiscord.Interaction made = discord.slashCommand("imagine",
                        List.of(FakeDiscord.option("prompt", 3, "a red fox in snow")), "2001", "0");
                discord.await("POST", callback(made), r -> true, WAIT);
                FakeDiscordRequest result = discord.await("PATCH", original(made), r -> r.multipart() && r.hasPng(), WAIT);
                reroll = result.json().at("/components/0/components/0/custom_id").asString();
                assertThat(reroll).startsWith("atelier:reroll:");
                upscale = result.json().at("/components/0/components/1/custom_id").asString();
                assertThat(upscale).startsWith("atelier:upscale.1:");

                pending = discord.slashCommand("imagine",
                        List.of(FakeDiscord.option("prompt", 3, "a lighthouse at dusk")), "2001", "0");
                discord.await("POST", callback(pending), r -> true, WAIT);
                // The pending message is shown (its first edit), and the image is not made yet.
                discord.await("PATCH", original(pending), r -> !r.multipart(), WAIT);
                assertThat(discord.requests("PATCH", original(pending))).noneMatch(FakeDiscordRequest::hasPng);
                discord.expectNewSession();
                assertThat(first.kill()).isNotZero();
            }
            try (ChildApplication second = ChildApplication.start(dataDir, "second.log", args(discord))) {
                second.waitUntilUp(KEY);
                discord.awaitReady(WAIT);
                assertThat(discord.identifies()).isEqualTo(2);

                FakeDiscordRequest finished = discord.await("PATCH", original(pending), r -> r.multipart() && r.hasPng(), WAIT);
                assertThat(finished.json().at("/embeds/0/fields/0/value").asString()).isEqualTo("a lighthouse at dusk");

                FakeDiscord.Interaction click = discord.button(reroll, "1600000000000000006", "2001", "0");
                FakeDiscordRequest clickAck = discord.await("POST", callback(click), r -> true, WAIT);
                assertThat(clickAck.json().path("type").asInt()).isEqualTo(5);
                FakeDiscordRequest rerolled = discord.await("PATCH", original(click), r -> r.multipart() && r.hasPng(), WAIT);
                assertThat(rerolled.json().at("/embeds/0/fields/0/value").asString()).isEqualTo("a red fox in snow");

                FakeDiscord.Interaction enlarge = discord.button(upscale, "1600000000000000006", "2001", "0");
                FakeDiscordRequest upscaled = discord.await("PATCH", original(enlarge), r -> r.multipart() && r.hasPng(), WAIT);
                assertThat(TestImages.decode(upscaled.files().getFirst()).getWidth()).isEqualTo(2048);
            }
        }
    }

    private static String callback(FakeDiscord.Interaction interaction) {
        return "/interactions/" + interaction.id() + "/" + interaction.token() + "/callback";
    }

    private static String original(FakeDiscord.Interaction interaction) {
        return "/webhooks/" + APP + "/" + interaction.token() + "/messages/@original";
    }
}
