package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationSource;
import java.util.Locale;

/** A chat platform the bots speak to. */
public enum ChatPlatform {
    DISCORD(GenerationSource.DISCORD),
    SLACK(GenerationSource.SLACK);

    private final GenerationSource source;

    ChatPlatform(GenerationSource source) {
        this.source = source;
    }

    /** The generation source recorded for jobs started here. */
    public GenerationSource source() {
        return source;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
