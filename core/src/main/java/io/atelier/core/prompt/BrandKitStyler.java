package io.atelier.core.prompt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The brand-kit hook: implemented by {@code io.atelier.core.brand} (a team's colours and style
 * words), called by the {@link io.atelier.core.prompt.pipeline.PromptPipeline} when a request asks for it
 * ({@code useBrandKit}, the chat option {@code use_brand_colors}). It runs after moderation and
 * before enhancement, so the LLM sees the brand cues and keeps them. Without a bean of this type
 * a request that asks for the brand kit gets a warning and an unbranded prompt.
 *
 * <p>Implementations must be fast and must not call the network (they run on the request path).
 */
public interface BrandKitStyler {

    /**
     * The prompt with the team's brand applied, or empty when the team has no brand kit.
     *
     * @param maxLength the model's prompt limit: a longer result is ignored (with a warning)
     */
    Optional<BrandStyling> style(String teamId, String prompt, int maxLength);

    /**
     * @param prompt   the branded prompt
     * @param warnings what the user should know (e.g. some colours did not fit)
     */
    record BrandStyling(String prompt, List<String> warnings) {
        public BrandStyling {
            Objects.requireNonNull(prompt, "prompt");
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
