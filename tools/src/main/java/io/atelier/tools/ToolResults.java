package io.atelier.tools;

import java.util.List;

/**
 * What the tools return. LangChain4j sends these to the LLM as JSON; the MCP server sends the same
 * JSON as text (plus the images). Field names are the contract an agent reads, so they change
 * only with the specification snapshot.
 */
public final class ToolResults {

    private ToolResults() {
    }

    /**
     * One generation. {@code next} tells the agent what to do now (poll, show the URLs, or why it failed).
     *
     * @param status         queued | processing | succeeded | failed | canceled
     * @param prompt         the prompt as used (after enhancement)
     * @param originalPrompt the prompt as given
     * @param queuePosition  generations ahead of it while queued, else null
     */
    public record GenerationResult(String id, String status, String prompt, String originalPrompt, String model,
                                   String aspectRatio, int width, int height, int count, long seed, String template,
                                   int progressPercent, Long queuePosition, List<ImageLink> images,
                                   List<String> warnings, String error, String next) {
    }

    /**
     * An output image. {@code url} is an absolute link that needs no key (an unguessable
     * capability) when the server has a public base URL, else null: then the image comes inline
     * (MCP) and is readable as the resource {@code resource} ({@code atelier://images/{id}}).
     */
    public record ImageLink(String id, String url, String resource, String mimeType, int width, int height) {
    }

    /** A line of a listing or search. */
    public record GenerationSummary(String id, String status, String prompt, String model, String createdAt,
                                    List<ImageLink> images) {
    }

    public record GenerationList(List<GenerationSummary> items, long total, String next) {
    }

    public record ModelInfo(String id, String name, String description, boolean isDefault, int maxCount,
                            boolean edits, boolean masks, boolean negativePrompt, boolean seed, int promptLimit,
                            int creditCostPerImage) {
    }

    public record TemplateInfo(String name, String description, boolean builtIn) {
    }

    /** The model catalog; {@code defaultModel} is used when a call names none. */
    public record ModelList(List<ModelInfo> models, String defaultModel) {
    }

    public record TemplateList(List<TemplateInfo> templates) {
    }

    /** A preview of enhancement: nothing was generated or charged. */
    public record EnhancedPrompt(String original, String enhanced, String template, String method,
                                 String negativePrompt, List<String> warnings) {
    }

    /** A gallery submission. */
    public record GalleryResult(String generationId, String status, String next) {
    }
}
