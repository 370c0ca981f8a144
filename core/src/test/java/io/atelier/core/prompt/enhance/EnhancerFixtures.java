package io.atelier.core.prompt.enhance;

import dev.langchain4j.model.chat.ChatModel;
import io.atelier.core.prompt.PromptTestSupport;

/** Builds the enhancer (its constructor is package-private). */
public final class EnhancerFixtures {
    private EnhancerFixtures() {
    }

    public static PromptEnhancer enhancer(ChatModel model, EnhancementProperties properties) {
        return new PromptEnhancer(PromptTestSupport.provider(ChatModel.class, model), properties);
    }
}
