package io.atelier.app;

import io.atelier.testkit.discord.FakeDiscord;

/** Starts a {@link FakeDiscord} for a static field (before the application context needs its URLs). */
final class FakeDiscordHolder {

    private FakeDiscordHolder() {
    }

    static FakeDiscord start() {
        try {
            return new FakeDiscord();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake Discord", e);
        }
    }
}
