package io.atelier.core.generation;

import java.util.Locale;

/** The surface a generation came in through; shown everywhere the generation is. */
public enum GenerationSource {
    API, OPENAI, CUPPA, V0, RECOUP, DISCORD, SLACK, TOOL, MCP, GALLERY, STUDIO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
