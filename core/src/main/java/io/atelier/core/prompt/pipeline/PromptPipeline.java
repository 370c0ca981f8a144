package io.atelier.core.prompt.pipeline;

import io.atelier.core.prompt.BrandKitStyler;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import io.atelier.core.prompt.PromptInput;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.account.Caller;
import io.atelier.core.prompt.enhance.Enhancement;
import io.atelier.core.prompt.enhance.EnhancementMethod;
import io.atelier.core.prompt.enhance.PromptEnhancer;
import io.atelier.core.prompt.inline.InlineParameterParser;
import io.atelier.core.prompt.inline.InlineParameters;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.prompt.preset.PresetRendering;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.prompt.template.BuiltInTemplates;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.routing.ModelRouter;
import io.atelier.core.provider.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The one prompt pipeline every surface goes through (inside {@code GenerationService.submit}):
 * preset rendering → inline parameters → moderation → brand kit → enhancement.
 *
 * <p>Two stages, so that a caller can validate the cheap parts of a request before paying for an
 * LLM call: {@link #resolve} (cooldown check, inline flags, preset, parameter precedence,
 * moderation) and {@link #enhance} (brand kit, template enhancement). {@link #prepare} runs both.
 *
 * <p>Precedence of every parameter: explicit option &gt; inline flag &gt; preset default &gt;
 * service default. An inline flag that loses to an explicit option is ignored with a warning that
 * says so. Errors: {@link PromptValidationException} (bad input, naming the field or flag),
 * {@link PromptBlockedException}, {@link PromptCooldownException}.
 */
@Service
public class PromptPipeline {

    private final TemplateService templates;
    private final PresetService presets;
    private final PromptModerator moderator;
    private final PromptEnhancer enhancer;
    private final ModelCatalog catalog;
    private final ModelRouter router;
    private final ObjectProvider<BrandKitStyler> brandKit;

    PromptPipeline(TemplateService templates, PresetService presets, PromptModerator moderator, PromptEnhancer enhancer,
                   ModelCatalog catalog, ModelRouter router, ObjectProvider<BrandKitStyler> brandKit) {
        this.templates = templates;
        this.presets = presets;
        this.moderator = moderator;
        this.enhancer = enhancer;
        this.catalog = catalog;
        this.router = router;
        this.brandKit = brandKit;
    }

    /** Both stages. */
    public PreparedPrompt prepare(Caller caller, PromptInput input) {
        return enhance(resolve(caller, input));
    }

    /**
     * Stage one: everything but enhancement. Cheap (no LLM); the moderation model, when configured,
     * is the one remote call.
     */
    public ResolvedPrompt resolve(Caller caller, PromptInput input) {
        moderator.checkCooldown(caller);
        List<String> warnings = new ArrayList<>();
        String teamId = caller.teamId();

        InlineParameters inline = input.parseInlineParameters()
                ? InlineParameterParser.parse(input.prompt())
                : InlineParameters.none(input.prompt() == null ? null : input.prompt().strip());

        PresetRendering preset = null;
        String base = inline.prompt();
        String presetId = blankToNull(input.presetId());
        if (presetId != null) {
            preset = presets.render(teamId, presetId, base, input.variables(), input.files());
            base = preset.prompt();
        } else if (!input.variables().isEmpty()) {
            throw PromptValidationException.invalid("variables", "variables need a presetId");
        } else if (!input.files().isEmpty()) {
            throw PromptValidationException.invalid("files", "file inputs need a presetId");
        }
        if (base == null || base.isBlank()) {
            throw PromptValidationException.invalid("prompt", preset == null ? "prompt is required"
                    : "prompt is required: preset '" + preset.preset().name() + "' rendered an empty prompt");
        }

        ModelDescriptor model = model(input, inline, preset, warnings);

        Integer count = input.count();
        if (inline.count() != null) {
            if (count != null) {
                warnings.add(ignored("--n " + inline.count(), "count", String.valueOf(count)));
            } else if (inline.count() > model.capabilities().maxCount()) {
                throw PromptValidationException.invalid("--n", "--n must be between 1 and " + model.capabilities().maxCount()
                        + " for model " + model.id());
            } else {
                count = inline.count();
            }
        }

        AspectRatio aspectRatio = input.aspectRatio();
        if (inline.aspectRatio() != null) {
            if (input.size() != null) {
                warnings.add(ignored("--ar " + inline.aspectRatio(), "size", input.size().toString()));
            } else if (aspectRatio != null) {
                warnings.add(ignored("--ar " + inline.aspectRatio(), "aspectRatio", aspectRatio.toString()));
            } else {
                aspectRatio = inline.aspectRatio();
            }
        }
        if (aspectRatio == null && input.size() == null && preset != null) {
            aspectRatio = preset.aspectRatio();
        }
        Resolution resolution = input.resolution() != null ? input.resolution() : preset == null ? null : preset.resolution();

        Long seed = input.seed();
        if (inline.seed() != null) {
            if (seed != null) {
                warnings.add(ignored("--seed " + inline.seed(), "seed", String.valueOf(seed)));
            } else {
                seed = inline.seed();
            }
        }

        String negative = blankToNull(input.negativePrompt());
        if (inline.negativePrompt() != null) {
            if (negative != null) {
                warnings.add(ignored("--no " + inline.negativePrompt(), "negativePrompt", negative));
            } else {
                negative = inline.negativePrompt();
            }
        }
        if (negative == null && preset != null) {
            negative = preset.negativePrompt();
        }

        boolean autoEnhance;
        if (input.autoEnhance() != null) {
            autoEnhance = input.autoEnhance();
            if (inline.raw() && autoEnhance) {
                warnings.add(ignored("--raw", "autoEnhance", "true"));
            }
        } else {
            autoEnhance = !inline.raw();
        }

        PromptTemplate template = template(teamId, input, inline, preset, warnings);
        if (autoEnhance && template == null) {
            template = BuiltInTemplates.find(BuiltInTemplates.DEFAULT).orElseThrow();
        }
        if (autoEnhance && negative == null && template.negativePrompt() != null && model.capabilities().negativePrompt()) {
            negative = template.negativePrompt();
        }

        boolean publicRequested = input.publicRequested() || inline.publicRequested();

        warnings.addAll(moderator.moderate(caller, base));

        return new ResolvedPrompt(teamId, base, model, aspectRatio, resolution, seed, count, negative, autoEnhance,
                template, publicRequested, input.useBrandKit(), preset, warnings);
    }

    /**
     * Stage two: the brand kit (when asked) and enhancement (when on). May call the LLM, bounded
     * by {@code atelier.prompt.enhancement.timeout}; never fails for LLM trouble (it falls back).
     */
    public PreparedPrompt enhance(ResolvedPrompt resolved) {
        List<String> warnings = new ArrayList<>(resolved.warnings());
        String prompt = resolved.originalPrompt();
        int limit = resolved.model().promptLimit();
        if (resolved.useBrandKit()) {
            prompt = brand(resolved.teamId(), prompt, limit, warnings);
        }
        EnhancementMethod method = EnhancementMethod.NONE;
        if (resolved.autoEnhance() && prompt.length() <= limit) {
            String teamId = resolved.teamId();
            Enhancement enhancement = enhancer.enhance(prompt, resolved.template(), limit, resolved.model().id(),
                    text -> moderator.blocklistMatch(teamId, text).isEmpty());
            prompt = enhancement.prompt();
            method = enhancement.method();
            warnings.addAll(enhancement.warnings());
        }
        return new PreparedPrompt(resolved, prompt, method, warnings);
    }

    private String brand(String teamId, String prompt, int limit, List<String> warnings) {
        BrandKitStyler styler = brandKit.getIfUnique();
        if (styler == null) {
            warnings.add("brand kits are not available on this server; useBrandKit was ignored");
            return prompt;
        }
        Optional<BrandKitStyler.BrandStyling> styled = styler.style(teamId, prompt, limit);
        if (styled.isEmpty()) {
            warnings.add("the team has no brand kit; useBrandKit was ignored");
            return prompt;
        }
        warnings.addAll(styled.get().warnings());
        if (styled.get().prompt().length() > limit) {
            warnings.add("the brand kit made the prompt longer than the model's limit of " + limit
                    + " characters; it was not applied");
            return prompt;
        }
        return styled.get().prompt();
    }

    private ModelDescriptor model(PromptInput input, InlineParameters inline, PresetRendering preset, List<String> warnings) {
        String explicit = blankToNull(input.model());
        if (explicit != null) {
            if (inline.model() != null) {
                warnings.add(ignored("--model " + inline.model(), "model", explicit));
            }
            return find("model", explicit);
        }
        if (inline.model() != null) {
            return find("--model", inline.model());
        }
        if (preset != null && preset.model() != null) {
            Optional<ModelDescriptor> presetModel = catalog.find(preset.model()).map(ModelCatalog.Entry::model);
            if (presetModel.isPresent()) {
                return presetModel.get();
            }
            warnings.add("the preset's model " + preset.model() + " is not available; using " + catalog.defaultModel().id());
        }
        return catalog.defaultModel();
    }

    private ModelDescriptor find(String field, String id) {
        // The router also knows the seed documents' names (v0's gemini-3-pro-image-preview …).
        return router.route(id).orElseThrow(() -> new PromptValidationException(
                "MODEL_NOT_FOUND", field, (field.startsWith("--") ? field + ": " : "") + "unknown model '" + id
                + "'; known models: " + String.join(", ", catalog.models().stream().map(ModelDescriptor::id).toList())));
    }

    private PromptTemplate template(String teamId, PromptInput input, InlineParameters inline, PresetRendering preset,
                                    List<String> warnings) {
        String explicit = blankToNull(input.template());
        if (explicit != null) {
            if (inline.template() != null) {
                warnings.add(ignored("--style " + inline.template(), "template", explicit));
            }
            return templates.find(teamId, explicit).orElseThrow(() -> PromptValidationException.invalid("template",
                    "unknown template '" + explicit + "'; known: " + String.join(", ", templates.names(teamId))));
        }
        if (inline.template() != null) {
            return templates.find(teamId, inline.template()).orElseThrow(() -> PromptValidationException.invalid("--style",
                    "--style: unknown template '" + inline.template() + "'; known: " + String.join(", ", templates.names(teamId))));
        }
        if (preset != null && preset.template() != null) {
            Optional<PromptTemplate> presetTemplate = templates.find(teamId, preset.template());
            if (presetTemplate.isPresent()) {
                return presetTemplate.get();
            }
            warnings.add("the preset's template '" + preset.template() + "' no longer exists; using " + BuiltInTemplates.DEFAULT);
        }
        return null;
    }

    private static String ignored(String flag, String option, String value) {
        return flag + " was ignored: " + option + " was also given as an option (" + value + "), and the option wins";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
