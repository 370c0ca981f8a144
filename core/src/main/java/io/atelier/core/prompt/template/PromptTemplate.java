package io.atelier.core.prompt.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An enhancement template: how to rewrite a prompt in one style.
 *
 * @param name           lower-case id ({@code photorealistic}); unique among built-ins and the team's own
 * @param description    one line for catalogs and chat autocompletion
 * @param styleGuidance  instructions for the LLM enhancer
 * @param cues           short style phrases the rule-based enhancer appends, most important first
 * @param negativePrompt default negative prompt, used when enhancing and the request has none
 * @param builtIn        one of Banatie's seven templates (read-only)
 * @param teamId         owner of a team template; null for built-ins
 */
public record PromptTemplate(
        String name,
        String description,
        String styleGuidance,
        List<String> cues,
        String negativePrompt,
        boolean builtIn,
        String teamId,
        Instant createdAt,
        Instant updatedAt) {

    public PromptTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(styleGuidance, "styleGuidance");
        cues = List.copyOf(cues);
    }

    /**
     * A digest of everything that shapes an enhancement, so a cached result of a team template is
     * not reused after the template changed.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(name, description, styleGuidance, String.join("\u0001", cues),
                    negativePrompt == null ? "" : negativePrompt)) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
