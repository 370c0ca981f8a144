package io.atelier.core.prompt.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Prompt moderation, under {@code atelier.moderation}.
 *
 * @param blocklist global entries in the {@link BlocklistRule} syntax ({@code word}, {@code two words},
 *                  {@code word*}, {@code re:regex}, optional {@code [category]} prefix); an invalid
 *                  entry fails the start
 * @param cooldown  repeated blocks of one user (API key or chat principal) pause them
 * @param model     optional moderation model (OpenAI-compatible {@code /moderations})
 * @param budget    the time all blocklist rules (global and the team's) may spend on one prompt,
 *                  default 250ms; a prompt not checked in time is refused as unchecked (nothing is
 *                  recorded against the user)
 */
@ConfigurationProperties("atelier.moderation")
public record PromptModerationProperties(
        @DefaultValue List<String> blocklist,
        @DefaultValue Cooldown cooldown,
        @DefaultValue Model model,
        @DefaultValue("250ms") Duration budget) {

    public PromptModerationProperties(List<String> blocklist, Cooldown cooldown, Model model) {
        this(blocklist, cooldown, model, null);
    }

    @ConstructorBinding
    public PromptModerationProperties {
        budget = budget == null ? Duration.ofMillis(250) : budget;
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("atelier.moderation.budget must be positive");
        }
        blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
        cooldown = cooldown == null ? new Cooldown(3, Duration.ofMinutes(10), Duration.ofMinutes(15)) : cooldown;
        model = model == null ? new Model(null, null, null, null, null) : model;
    }

    /** No global entries, the default cooldown, no model. */
    public static PromptModerationProperties defaults() {
        return new PromptModerationProperties(List.of(), null, null);
    }

    /**
     * @param maxBlocks blocks within {@code window} that start a cooldown (default 3; 0 = never)
     * @param window    how far back blocks count (default 10m)
     * @param duration  how long a cooldown lasts (default 15m)
     */
    public record Cooldown(@DefaultValue("3") int maxBlocks, @DefaultValue("10m") Duration window,
                           @DefaultValue("15m") Duration duration) {
        public Cooldown {
            if (maxBlocks < 0) {
                throw new IllegalArgumentException("atelier.moderation.cooldown.max-blocks must not be negative");
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("atelier.moderation.cooldown.window must be positive");
            }
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("atelier.moderation.cooldown.duration must be positive");
            }
        }
    }

    /**
     * The moderation model; on when {@code base-url} or {@code api-key} has text.
     *
     * @param baseUrl   OpenAI-compatible API root, default {@code https://api.openai.com/v1}
     * @param apiKey    bearer key; never printed
     * @param modelName default {@code omni-moderation-latest}
     * @param timeout   longest wait for a verdict, default 10s
     * @param onError   {@code allow} (default: the blocklists still apply, the generation carries a
     *                  warning) or {@code block} (refuse prompts while the model is unavailable)
     */
    public record Model(String baseUrl, String apiKey, String modelName, Duration timeout, String onError) {
        public Model {
            baseUrl = StringUtils.hasText(baseUrl) ? baseUrl.strip() : null;
            apiKey = StringUtils.hasText(apiKey) ? apiKey.strip() : null;
            modelName = StringUtils.hasText(modelName) ? modelName.strip() : "omni-moderation-latest";
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("atelier.moderation.model.timeout must be positive");
            }
            onError = StringUtils.hasText(onError) ? onError.strip().toLowerCase(Locale.ROOT) : "allow";
            if (!onError.equals("allow") && !onError.equals("block")) {
                throw new IllegalArgumentException("atelier.moderation.model.on-error must be allow or block");
            }
        }

        public boolean blockOnError() {
            return onError.equals("block");
        }

        @Override
        public String toString() {
            return "Model[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "(none)" : "****") + ", modelName="
                    + modelName + ", timeout=" + timeout + ", onError=" + onError + "]";
        }
    }
}
