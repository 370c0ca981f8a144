package io.atelier.bot.chat;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.storage.StoredImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Test data for the chat layer. */
public final class ChatFixtures {

    public static final ChatUser ALICE = new ChatUser(ChatPlatform.DISCORD, "guild-1", "111", "alice");
    public static final ChatUser BOB = new ChatUser(ChatPlatform.DISCORD, "guild-1", "222", "bob");

    private ChatFixtures() {
    }

    /** A generation of {@code owner} in the given state (percent used while PROCESSING). */
    public static Generation generation(String id, String teamId, GenerationStatus status, int percent, ChatUser owner) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<StoredImage> images = status == GenerationStatus.SUCCEEDED
                ? List.of(new StoredImage("img-" + id, id, teamId, 0, "hash", "token", "image/png", 64, 64, 100, null, t))
                : List.of();
        Map<String, Object> meta = owner == null ? Map.of() : Map.of(ChatMeta.KEY, ChatMeta.of(owner, "chan-1"));
        return new Generation(id, teamId, status, GenerationSource.DISCORD,
                new Generation.Asked("local/preview", null, "a fox", "a fox, ink wash", null, null, true,
                        "1:1", 64, 64, 1, 42L, null, Map.of(), Map.of("prompt", "a fox"), meta, false),
                Generation.Inputs.NONE,
                new Generation.Progress(percent, status == GenerationStatus.PROCESSING ? "rendering" : "queued",
                        null, 1),
                new Generation.Outcome(status == GenerationStatus.FAILED ? "PROVIDER_ERROR" : null,
                        status == GenerationStatus.FAILED ? "the provider failed" : null, images, null, List.of()),
                new Generation.Timing(t, t, t, status.isTerminal() ? t : null, status.isTerminal() ? 1200L : null),
                new Generation.Billing(1));
    }

    /** A clock tests move by hand. */
    public static final class MutableClock extends Clock {
        private Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
