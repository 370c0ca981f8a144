package io.atelier.bot.chat;

/**
 * A user's defaults for {@code /imagine}; null = not set (the service default applies).
 *
 * @param model       catalog id ({@code local/preview})
 * @param aspectRatio {@code 16:9}
 * @param template    enhancement template name
 * @param enhance     enhance prompts by default
 */
public record ChatSettings(String model, String aspectRatio, String template, Boolean enhance) {

    public static final ChatSettings NONE = new ChatSettings(null, null, null, null);

    /** These settings with every field {@code other} sets replacing ours. */
    public ChatSettings merge(ChatSettings other) {
        return new ChatSettings(other.model != null ? other.model : model,
                other.aspectRatio != null ? other.aspectRatio : aspectRatio,
                other.template != null ? other.template : template,
                other.enhance != null ? other.enhance : enhance);
    }
}
