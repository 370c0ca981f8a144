package io.atelier.core.prompt.moderation;

import dev.langchain4j.model.moderation.ModerationModel;
import io.atelier.core.prompt.PromptTestSupport;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the moderator over a test database (its constructors are package-private). */
public final class ModerationFixtures {
    private ModerationFixtures() {
    }

    public static PromptModerator moderator(JdbcClient jdbc, PromptModerationProperties properties, ModerationModel model,
                                            Clock clock) {
        return new PromptModerator(properties, new ModerationRepository(jdbc),
                PromptTestSupport.provider(ModerationModel.class, model), clock);
    }
}
