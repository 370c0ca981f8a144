package io.atelier.core.prompt;

import java.util.List;

/**
 * A catalog of prompt material a team sees as built-ins (read-only) plus its own (presets,
 * templates), each entry named by a key (a preset's id, a template's name). Every call is scoped to
 * {@code teamId}: another team's entry is not found.
 *
 * @param <T> an entry
 * @param <D> the definition an entry is created or replaced from
 */
public interface TeamCatalog<T, D> {

    /** Built-ins first, then the team's own. */
    List<T> list(String teamId);

    /** @throws PromptNotFoundException for an unknown key */
    T get(String teamId, String key);

    /** @throws PromptConflictException at the team's limit (and for a name already taken) */
    T create(String teamId, D definition);

    /** @throws PromptConflictException for a built-in; {@link PromptNotFoundException} for an unknown key */
    T replace(String teamId, String key, D definition);

    /** @throws PromptConflictException for a built-in; {@link PromptNotFoundException} for an unknown key */
    void delete(String teamId, String key);
}
