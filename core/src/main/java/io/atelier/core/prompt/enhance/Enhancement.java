package io.atelier.core.prompt.enhance;

import java.util.List;

/**
 * The result of enhancing one prompt.
 *
 * @param prompt   the enhanced prompt (the input itself when nothing was added)
 * @param method   who produced it
 * @param cached   an LLM rewrite served from the cache
 * @param warnings what the user should know (LLM timeout or failure and the fallback used)
 */
public record Enhancement(String prompt, EnhancementMethod method, boolean cached, List<String> warnings) {
    public Enhancement {
        warnings = List.copyOf(warnings);
    }
}
