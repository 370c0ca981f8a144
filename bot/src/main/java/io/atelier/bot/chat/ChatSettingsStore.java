package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ModelCatalog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Per-user {@link ChatSettings}: checks and merges changes, kept by {@link ChatUserSettingsRepository}. */
@Service
public class ChatSettingsStore {

    private final ChatUserSettingsRepository repository;
    private final ModelCatalog catalog;

    ChatSettingsStore(ChatUserSettingsRepository repository, ModelCatalog catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    public ChatSettings get(ChatUser user) {
        return repository.find(user).orElse(ChatSettings.NONE);
    }

    /**
     * Merges {@code changes} (null fields untouched) into the user's settings and returns the result.
     * An empty string clears a text field.
     *
     * @throws GenerationValidationException naming the field when the model or aspect ratio is unknown
     */
    @Transactional
    public ChatSettings update(ChatUser user, ChatSettings changes) {
        if (changes.model() != null && !changes.model().isEmpty() && catalog.find(changes.model()).isEmpty()) {
            throw GenerationValidationException.invalid("model", "unknown model " + changes.model());
        }
        if (changes.aspectRatio() != null && !changes.aspectRatio().isEmpty()
                && AspectRatio.parse(changes.aspectRatio()).isEmpty()) {
            throw GenerationValidationException.invalid("aspect_ratio", "aspect_ratio must look like 16:9");
        }
        ChatSettings merged = get(user).merge(changes);
        merged = new ChatSettings(emptyToNull(merged.model()), emptyToNull(merged.aspectRatio()),
                emptyToNull(merged.template()), merged.enhance());
        repository.save(user, merged);
        return merged;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
