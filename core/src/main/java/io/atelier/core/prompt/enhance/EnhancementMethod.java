package io.atelier.core.prompt.enhance;

/** How a prompt was enhanced. */
public enum EnhancementMethod {
    /** Not enhanced (autoEnhance off, {@code --raw}, or nothing could be added). */
    NONE,
    /** The deterministic rule-based enhancer (no LLM configured, or the LLM failed). */
    RULES,
    /** Rewritten by the LLM. */
    LLM
}
