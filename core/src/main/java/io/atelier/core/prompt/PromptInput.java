package io.atelier.core.prompt;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.Resolution;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline needs from a request, surface-neutral. The "explicit" fields are the options
 * the surface received as separate fields (JSON fields, slash-command options); null = not given.
 * They win over inline flags, which win over the preset's defaults.
 *
 * @param prompt                the prompt as written (may hold inline flags; may be empty with a preset)
 * @param presetId              preset to render, or null
 * @param variables             the preset's text/enum/number values, or empty
 * @param files                 the preset's file inputs by requirement key, or empty
 * @param parseInlineParameters read {@code --ar 16:9}-style flags from the prompt (chat, agents)
 * @param useBrandKit           apply the team's brand kit ({@link BrandKitStyler})
 * @param model                 explicit model id
 * @param aspectRatio           explicit aspect ratio
 * @param size                  explicit pixel size (an inline {@code --ar} then gives way to it)
 * @param resolution            explicit resolution
 * @param seed                  explicit seed
 * @param count                 explicit image count
 * @param negativePrompt        explicit negative prompt
 * @param autoEnhance           explicit enhancement switch (null = default on, or off with {@code --raw})
 * @param template              explicit enhancement template
 * @param publicRequested       explicit publish request (an inline {@code --public} also sets it)
 */
public record PromptInput(
        String prompt,
        String presetId,
        Map<String, Object> variables,
        Map<String, List<SourceImage>> files,
        boolean parseInlineParameters,
        boolean useBrandKit,
        String model,
        AspectRatio aspectRatio,
        ImageSize size,
        Resolution resolution,
        Long seed,
        Integer count,
        String negativePrompt,
        Boolean autoEnhance,
        String template,
        boolean publicRequested) {

    public PromptInput {
        variables = variables == null ? Map.of() : variables;
        files = files == null ? Map.of() : files;
    }

    /** Just a prompt, everything else default. */
    public static PromptInput of(String prompt) {
        return builder().prompt(prompt).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: set what was received. */
    public static final class Builder {
        private String prompt;
        private String presetId;
        private Map<String, Object> variables;
        private Map<String, List<SourceImage>> files;
        private boolean parseInlineParameters;
        private boolean useBrandKit;
        private String model;
        private AspectRatio aspectRatio;
        private ImageSize size;
        private Resolution resolution;
        private Long seed;
        private Integer count;
        private String negativePrompt;
        private Boolean autoEnhance;
        private String template;
        private boolean publicRequested;

        private Builder() {
        }

        public Builder prompt(String v) { this.prompt = v; return this; }
        public Builder presetId(String v) { this.presetId = v; return this; }
        public Builder variables(Map<String, Object> v) { this.variables = v; return this; }
        public Builder files(Map<String, List<SourceImage>> v) { this.files = v; return this; }
        public Builder parseInlineParameters(boolean v) { this.parseInlineParameters = v; return this; }
        public Builder useBrandKit(boolean v) { this.useBrandKit = v; return this; }
        public Builder model(String v) { this.model = v; return this; }
        public Builder aspectRatio(AspectRatio v) { this.aspectRatio = v; return this; }
        public Builder size(ImageSize v) { this.size = v; return this; }
        public Builder resolution(Resolution v) { this.resolution = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }
        public Builder count(Integer v) { this.count = v; return this; }
        public Builder negativePrompt(String v) { this.negativePrompt = v; return this; }
        public Builder autoEnhance(Boolean v) { this.autoEnhance = v; return this; }
        public Builder template(String v) { this.template = v; return this; }
        public Builder publicRequested(boolean v) { this.publicRequested = v; return this; }

        public PromptInput build() {
            return new PromptInput(prompt, presetId, variables, files, parseInlineParameters, useBrandKit, model,
                    aspectRatio, size, resolution, seed, count, negativePrompt, autoEnhance, template, publicRequested);
        }
    }
}
