package io.atelier.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.ActorRole;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.prompt.pipeline.PreparedPrompt;
import io.atelier.core.prompt.PromptInput;
import io.atelier.core.prompt.pipeline.PromptPipeline;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.storage.StoredImage;
import io.atelier.tools.ToolResults.EnhancedPrompt;
import io.atelier.tools.ToolResults.GalleryResult;
import io.atelier.tools.ToolResults.GenerationList;
import io.atelier.tools.ToolResults.GenerationResult;
import io.atelier.tools.ToolResults.GenerationSummary;
import io.atelier.tools.ToolResults.ModelInfo;
import io.atelier.tools.ToolResults.ModelList;
import io.atelier.tools.ToolResults.TemplateInfo;
import io.atelier.tools.ToolResults.TemplateList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Atelier's LangChain4j tools: generate, inspect, list and search, edit, cancel and publish images,
 * and preview prompt enhancement. Register the bean with {@code AiServices.builder(...).tools(tools)}
 * and pass {@link ToolCaller#parameters(Caller)} with every call: the team comes from there,
 * never from tool arguments.
 *
 * <p>Errors are {@link ToolException}s whose message says what to do next; LangChain4j hands it
 * to the LLM. Thread-safe: one instance serves every caller. {@code generate_image} and
 * {@code edit_image} block the calling thread for at most {@code wait_seconds} (≤ {@value #MAX_WAIT_SECONDS},
 * default {@value #DEFAULT_WAIT_SECONDS}: well under the 60 s request timeout of common MCP clients), and
 * always answer with the generation id and what to call next. A {@link ToolProgress} in the invocation
 * parameters hears every step of the wait and may lengthen the default wait.
 *
 * <p>The MCP server derives its tool list from these same methods (names, descriptions, schemas,
 * and the title and behaviour hints in each {@code @Tool}'s metadata).
 */
@Component
public class AtelierTools {

    public static final int MAX_WAIT_SECONDS = 50;
    public static final int DEFAULT_WAIT_SECONDS = 25;
    public static final int MAX_LIST = 50;
    static final int SEARCH_WINDOW = 500;

    private final GenerationService generations;
    private final ModelCatalog catalog;
    private final TemplateService templates;
    private final PromptPipeline pipeline;
    private final ImageLinks links;
    private final GalleryService gallery;
    private final AccountService accounts;
    private final ToolWaits waits;
    private final GenerationResults results;

    public AtelierTools(GenerationService generations, ModelCatalog catalog, TemplateService templates,
                        PromptPipeline pipeline, ImageLinks links, GalleryService gallery,
                        AccountService accounts, ToolWaits waits) {
        this.generations = generations;
        this.catalog = catalog;
        this.templates = templates;
        this.pipeline = pipeline;
        this.links = links;
        this.gallery = gallery;
        this.accounts = accounts;
        this.waits = waits;
        this.results = new GenerationResults(generations, links);
    }

    @Tool(name = "generate_image", value = {
            "Generates images from a text prompt. Returns the generation id and status; when it finishes within "
                    + "wait_seconds, also the images. Otherwise call get_generation with the id later.",
            "The prompt may carry the chat flags --ar W:H, --no <things to avoid>, --seed N.",
            "Ask the user before generating more than 4 images in total."},
            metadata = "{\"title\":\"Generate image\",\"readOnlyHint\":false,\"destructiveHint\":false,"
                    + "\"idempotentHint\":false,\"openWorldHint\":true}")
    public GenerationResult generateImage(
            @P("What to draw, in plain words (flags such as --ar 16:9, --no text, --seed 42 are understood)") String prompt,
            @P(value = "Aspect ratio W:H such as 1:1, 16:9, 9:16 (default 1:1)", required = false) String aspect_ratio,
            @P(value = "Style template name from list_templates (default: general)", required = false) String template,
            @P(value = "Rewrite the prompt with the template's style before generating (default true)", required = false) Boolean enhance,
            @P(value = "Number of images, 1 to the model's maxCount (default 1)", required = false) Integer count,
            @P(value = "What the image must not show", required = false) String negative_prompt,
            @P(value = "Model id from list_models (default: the server's default model)", required = false) String model,
            @P(value = "Seed for reproducible results", required = false) Long seed,
            @P(value = WAIT_DESCRIPTION, required = false) Integer wait_seconds,
            InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("prompt", prompt);
            ToolArguments.waitSeconds(wait_seconds);
            checkModel(model);
            checkTemplate(who.caller(), template);
            GenerationRequest request = GenerationRequest.builder(who.source())
                    .prompt(prompt)
                    .aspectRatio(ToolArguments.aspectRatio(aspect_ratio))
                    .template(ToolArguments.blankToNull(template))
                    .autoEnhance(enhance)
                    .count(count)
                    .negativePrompt(ToolArguments.blankToNull(negative_prompt))
                    .model(ToolArguments.blankToNull(model))
                    .seed(seed)
                    .parseInlineParameters(true)
                    .meta(Map.of("tool", "generate_image"))
                    .build();
            return results.result(waits.submitAndWait(who.caller(), request, wait_seconds, ToolCaller.progress(parameters), results));
        });
    }

    @Tool(name = "edit_image", value = {
            "Edits the image of an earlier generation following a prompt, as a new generation. "
                    + "Only models with edits=true in list_models can edit; masks need masks=true.",
            "Returns like generate_image."},
            metadata = "{\"title\":\"Edit image\",\"readOnlyHint\":false,\"destructiveHint\":false,"
                    + "\"idempotentHint\":false,\"openWorldHint\":true}")
    public GenerationResult editImage(
            @P("Id of the generation whose image to edit") String generation_id,
            @P("How to change the image") String prompt,
            @P(value = "Which image of that generation, from 0 (default 0)", required = false) Integer image_index,
            @P(value = "Id of a generation whose first image is the mask (transparent areas are repainted)", required = false)
            String mask_generation_id,
            @P(value = "Model id from list_models (default: the server's default model)", required = false) String model,
            @P(value = WAIT_DESCRIPTION, required = false) Integer wait_seconds,
            InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("generation_id", generation_id);
            ToolArguments.requireText("prompt", prompt);
            ToolArguments.waitSeconds(wait_seconds);
            checkModel(model);
            SourceImage source = image(who.caller(), generation_id, image_index == null ? 0 : image_index, "generation_id");
            SourceImage mask = ToolArguments.blankToNull(mask_generation_id) == null ? null
                    : image(who.caller(), mask_generation_id, 0, "mask_generation_id");
            GenerationRequest request = GenerationRequest.builder(who.source())
                    .prompt(prompt)
                    .model(ToolArguments.blankToNull(model))
                    .autoEnhance(false)
                    .editImage(source)
                    .mask(mask)
                    .parseInlineParameters(true)
                    .meta(Map.of("tool", "edit_image", "sourceGenerationId", generation_id))
                    .build();
            return results.result(waits.submitAndWait(who.caller(), request, wait_seconds, ToolCaller.progress(parameters), results));
        });
    }

    @Tool(name = "get_generation", value = "Returns a generation's status, progress and, once done, its images.",
            metadata = READ_ONLY_PREFIX + "Get generation\"}")
    public GenerationResult getGeneration(@P("Generation id") String id, InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("id", id);
            return results.result(generation(who.caller(), id, "id"));
        });
    }

    @Tool(name = "list_generations", value = "Lists the team's recent generations, newest first.",
            metadata = READ_ONLY_PREFIX + "List generations\"}")
    public GenerationList listGenerations(
            @P(value = "How many, 1 to " + MAX_LIST + " (default 10)", required = false) Integer limit,
            @P(value = "Only this status: queued, processing, succeeded, failed or canceled", required = false) String status,
            InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            int n = ToolArguments.limit(limit);
            GenerationStatus wanted = ToolArguments.status(status);
            GenerationService.Page page = generations.list(who.caller(), wanted, n, 0);
            List<GenerationSummary> items = page.items().stream().map(results::summary).toList();
            return new GenerationList(items, page.total(), page.hasMore()
                    ? "There are more; use search_images to find older ones by words of their prompt." : null);
        });
    }

    @Tool(name = "search_images", value = "Finds the team's finished images whose prompt contains all the given words "
            + "(case-insensitive), newest first, among the last " + SEARCH_WINDOW + " generations.",
            metadata = READ_ONLY_PREFIX + "Search images\"}")
    public GenerationList searchImages(
            @P("Words to look for in the prompt") String query,
            @P(value = "How many, 1 to " + MAX_LIST + " (default 10)", required = false) Integer limit,
            InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("query", query);
            int n = ToolArguments.limit(limit);
            List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isBlank()).toList();
            List<GenerationSummary> found = new ArrayList<>();
            for (Generation g : generations.list(who.caller(), GenerationStatus.SUCCEEDED, SEARCH_WINDOW, 0).items()) {
                String text = (g.asked().originalPrompt() + " " + g.asked().prompt()).toLowerCase(Locale.ROOT);
                if (words.stream().allMatch(text::contains)) {
                    found.add(results.summary(g));
                    if (found.size() == n) {
                        break;
                    }
                }
            }
            return new GenerationList(found, found.size(), found.isEmpty()
                    ? "Nothing matched; try fewer or other words, or list_generations." : null);
        });
    }

    @Tool(name = "list_models", value = "Lists the image models: id, what each can do (edits, masks, seeds, negative "
            + "prompts, max images per call) and credit cost per image.",
            metadata = READ_ONLY_PREFIX + "List models\"}")
    public ModelList listModels() {
        String defaultId = catalog.defaultModel().id();
        return new ModelList(catalog.models().stream().map(m -> new ModelInfo(m.id(), m.displayName(), m.description(),
                m.id().equals(defaultId), m.capabilities().maxCount(), m.capabilities().edits(), m.capabilities().masks(),
                m.capabilities().negativePrompt(), m.capabilities().seed(), m.promptLimit(), m.creditCost())).toList(),
                defaultId);
    }

    @Tool(name = "list_templates", value = "Lists the style templates that generate_image and enhance_prompt accept.",
            metadata = READ_ONLY_PREFIX + "List style templates\"}")
    public TemplateList listTemplates(InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> new TemplateList(templates.list(who.caller().teamId()).stream()
                .map(t -> new TemplateInfo(t.name(), t.description(), t.builtIn())).toList()));
    }

    @Tool(name = "enhance_prompt", value = "Shows how a prompt would be rewritten with a style template, without "
            + "generating anything or using credits.",
            metadata = "{\"title\":\"Preview prompt enhancement\",\"readOnlyHint\":true,\"idempotentHint\":false,"
                    + "\"openWorldHint\":true}")
    public EnhancedPrompt enhancePrompt(
            @P("The prompt to enhance") String prompt,
            @P(value = "Style template name from list_templates (default: general)", required = false) String template,
            @P(value = "Model id the prompt is meant for (its prompt length limit applies)", required = false) String model,
            InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("prompt", prompt);
            checkModel(model);
            checkTemplate(who.caller(), template);
            PreparedPrompt prepared = pipeline.prepare(who.caller(), PromptInput.builder()
                    .prompt(prompt)
                    .template(ToolArguments.blankToNull(template))
                    .model(ToolArguments.blankToNull(model))
                    .autoEnhance(true)
                    .build());
            PromptTemplate used = prepared.resolved().template();
            return new EnhancedPrompt(prepared.originalPrompt(), prepared.prompt(), used == null ? null : used.name(),
                    prepared.enhancement().name().toLowerCase(Locale.ROOT), prepared.resolved().negativePrompt(),
                    prepared.warnings());
        });
    }

    @Tool(name = "cancel_generation", value = "Cancels a queued or running generation; its credits are refunded.",
            metadata = "{\"title\":\"Cancel generation\",\"readOnlyHint\":false,\"destructiveHint\":true,"
                    + "\"idempotentHint\":true,\"openWorldHint\":false}")
    public GenerationResult cancelGeneration(@P("Generation id") String id, InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("id", id);
            generation(who.caller(), id, "id");
            return results.result(generations.cancel(who.caller(), id));
        });
    }

    @Tool(name = "publish_to_gallery", value = "Submits a succeeded generation to the public gallery. Moderators "
            + "review it first unless the team is trusted. Ask the user before publishing.",
            metadata = "{\"title\":\"Publish to the gallery\",\"readOnlyHint\":false,\"destructiveHint\":false,"
                    + "\"idempotentHint\":true,\"openWorldHint\":true}")
    public GalleryResult publishToGallery(@P("Id of the succeeded generation to publish") String generation_id,
                                          InvocationParameters parameters) {
        ToolCaller who = ToolCaller.from(parameters);
        return run(() -> {
            ToolArguments.requireText("generation_id", generation_id);
            generation(who.caller(), generation_id, "generation_id");
            GalleryEntry entry = gallery.publish(who.caller(), generation_id.strip(), actor(who.caller()));
            String next = switch (entry.status()) {
                case APPROVED -> "It is public in the gallery now.";
                case PENDING_REVIEW -> "Submitted: moderators review it before it appears in the public gallery.";
                default -> "Its gallery status is " + entry.status().name().toLowerCase(Locale.ROOT) + ".";
            };
            return new GalleryResult(entry.generationId(), entry.status().name().toLowerCase(Locale.ROOT), next);
        });
    }


    /** The generation (with its images) if the caller owns it: for surfaces that send the bytes or read resources. */
    public Optional<Generation> findGeneration(ToolCaller who, String generationId) {
        return generations.find(who.caller(), generationId);
    }

    /** The caller's generation as the tools show it. */
    public GenerationResult describe(Generation generation) {
        return results.result(generation);
    }

    // --- helpers -----------------------------------------------------------------------------

    static final String WAIT_DESCRIPTION = "Seconds to wait for the result, 0 to " + MAX_WAIT_SECONDS + " (default "
            + DEFAULT_WAIT_SECONDS + "; a client that receives progress notifications is kept informed and, by default, "
            + "answered when the generation ends)";

    private static final String READ_ONLY_PREFIX = "{\"readOnlyHint\":true,\"destructiveHint\":false,"
            + "\"idempotentHint\":true,\"openWorldHint\":false,\"title\":\"";

    /**
     * The gallery actor: the caller's principal ({@code key:<keyId>}, or the chat principal a bot put
     * in {@code keyId}) as the owner, shown under the team's name.
     */
    private Actor actor(Caller caller) {
        String id = caller.keyId().contains(":") ? caller.keyId() : "key:" + caller.keyId();
        String name = accounts.findTeam(caller.teamId()).map(Team::name).orElse(null);
        return new Actor(id, name, ActorRole.OWNER);
    }

    private <T> T run(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw ToolErrors.translate(e);
        }
    }

    private Generation generation(Caller caller, String id, String argument) {
        return generations.find(caller, id.strip()).orElseThrow(() -> new ToolException("No generation with " + argument
                + " '" + id + "'. Call list_generations or search_images to find the right id."));
    }

    private SourceImage image(Caller caller, String generationId, int index, String argument) {
        Generation g = generation(caller, generationId, argument);
        if (g.status() != GenerationStatus.SUCCEEDED) {
            throw new ToolException("Generation '" + generationId + "' has no image (status "
                    + g.status().name().toLowerCase(Locale.ROOT) + "). "
                    + (g.status().isTerminal() ? "Pick a succeeded generation." : "Call get_generation until it succeeded."));
        }
        if (index < 0 || index >= g.outcome().images().size()) {
            throw new ToolException("Invalid image_index " + index + ": generation '" + generationId + "' has "
                    + g.outcome().images().size() + " image(s), numbered from 0.");
        }
        StoredImage image = g.outcome().images().get(index);
        byte[] bytes = generations.readImage(image).orElseThrow(() -> new ToolException(
                "The image of generation '" + generationId + "' is no longer stored. Pick another generation."));
        return new SourceImage(bytes, image.mimeType());
    }

    private void checkModel(String model) {
        String id = ToolArguments.blankToNull(model);
        if (id != null && catalog.find(id).isEmpty()) {
            throw new ToolException("Unknown model '" + id + "'. Call list_models to see the available ones.");
        }
    }

    private void checkTemplate(Caller caller, String template) {
        String name = ToolArguments.blankToNull(template);
        if (name != null && templates.find(caller.teamId(), name).isEmpty()) {
            throw new ToolException("Unknown template '" + name + "'. Call list_templates to see the available ones.");
        }
    }






}
