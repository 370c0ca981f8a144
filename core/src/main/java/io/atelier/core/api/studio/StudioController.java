package io.atelier.core.api.studio;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.account.Team;
import io.atelier.core.api.BodyLimit;
import io.atelier.core.api.KeySignInPage;
import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.prompt.PromptException;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.storage.ImageUrls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The studio ({@code /studio}): a team signs in with its API key and makes images in the browser.
 * Every action is a plain form POST (CSRF token, redirect after post), so it works without script;
 * {@code /assets/studio.js} only polls {@code /studio/generations/{id}/progress} for the live bar and
 * adds keyboard shortcuts. Generations made here are ordinary generations (source {@code studio}),
 * visible through every API.
 */
@Controller
@PublicEndpoint // authenticated by the studio session, not an API key header
@BodyLimit("64KB")
class StudioController {

    static final List<String> ASPECT_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9");
    static final int PAGE_SIZE = 12;
    static final int MAX_COUNT = 4;
    static final int VARIATIONS = 4;
    private static final KeySignInPage SIGN_IN = new KeySignInPage("/studio", "studio/login");

    private final StudioSession session;
    private final AccountService accounts;
    private final GenerationService generations;
    private final TemplateService templates;
    private final ModelCatalog catalog;
    private final GalleryService gallery;
    private final ImageUrls urls;

    StudioController(StudioSession session, AccountService accounts, GenerationService generations, TemplateService templates,
                     ModelCatalog catalog, GalleryService gallery, ImageUrls urls) {
        this.session = session;
        this.accounts = accounts;
        this.generations = generations;
        this.templates = templates;
        this.catalog = catalog;
        this.gallery = gallery;
        this.urls = urls;
    }

    @GetMapping("/studio/login")
    String loginForm(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String loggedOut,
                     Model view) {
        return SIGN_IN.form(session.caller(request, response).isPresent(), loggedOut != null,
                StudioSession.csrfToken(request), view);
    }

    @PostMapping("/studio/login")
    String login(@RequestParam(required = false) String apiKey,
                 @RequestParam(name = StudioSession.CSRF_PARAMETER, required = false) String csrf,
                 HttpServletRequest request, HttpServletResponse response, Model view) {
        StudioSession.checkCsrf(request, csrf);
        Optional<Caller> caller = session.checkKey(apiKey, request, response);
        if (caller.isEmpty()) {
            return SIGN_IN.refused(response, 401, "That API key is not valid.", StudioSession.csrfToken(request), view);
        }
        String name = accounts.findTeam(caller.get().teamId()).map(Team::name).orElse("team");
        StudioSession.signIn(request, caller.get(), name);
        return SIGN_IN.signedInRedirect();
    }

    @PostMapping("/studio/logout")
    String logout(@RequestParam(name = StudioSession.CSRF_PARAMETER, required = false) String csrf, HttpServletRequest request) {
        StudioSession.checkCsrf(request, csrf);
        StudioSession.signOut(request);
        return SIGN_IN.signedOutRedirect();
    }

    @GetMapping("/studio")
    String studio(HttpServletRequest request, HttpServletResponse response, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(required = false) String error, Model view) {
        Optional<Caller> caller = session.caller(request, response);
        if (caller.isEmpty()) {
            return "redirect:/studio/login";
        }
        form(view, caller.get(), request, new StudioForm("", "", "16:9", "", 1, "", ""));
        history(view, caller.get(), page);
        view.addAttribute("error", error);
        return "studio/index";
    }

    @PostMapping("/studio/generate")
    String generate(StudioForm form, @RequestParam(name = StudioSession.CSRF_PARAMETER, required = false) String csrf,
                    HttpServletRequest request, HttpServletResponse response, Model view) {
        Caller caller = authorize(request, response, csrf);
        try {
            Generation created = generations.submit(caller, form.toRequest(null));
            return "redirect:/studio/generations/" + created.id();
        } catch (GenerationValidationException | PromptException | InsufficientCreditsException e) {
            response.setStatus(e instanceof InsufficientCreditsException ? 402 : 400);
            form(view, caller, request, form);
            history(view, caller, 1);
            view.addAttribute("error", e.getMessage());
            return "studio/index";
        }
    }

    @GetMapping("/studio/generations/{id}")
    String generation(@PathVariable String id, HttpServletRequest request, HttpServletResponse response,
                      @RequestParam(required = false) String notice, Model view) {
        Optional<Caller> caller = session.caller(request, response);
        if (caller.isEmpty()) {
            return "redirect:/studio/login";
        }
        Generation g = generations.get(caller.get(), id);
        view.addAttribute("g", g);
        view.addAttribute("images", g.outcome().images().stream().map(i -> Map.of("url", urls.urlFor(i), "width",
                i.width(),
                "height", i.height(), "index", i.index())).toList());
        view.addAttribute("publication", gallery.findOwned(caller.get(), id).map(e -> e.status().name()).orElse(null));
        view.addAttribute("csrf", StudioSession.csrfToken(request));
        view.addAttribute("who", StudioSession.displayName(request));
        view.addAttribute("notice", notice);
        return "studio/generation";
    }

    /** The live progress the page's script polls: status, percent and message. */
    @GetMapping("/studio/generations/{id}/progress")
    @ResponseBody
    Map<String, Object> progress(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = session.caller(request, response).orElseThrow(StudioSession.NotSignedInException::new);
        Generation g = generations.get(caller, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", g.status().name().toLowerCase(java.util.Locale.ROOT));
        out.put("done", g.status().isTerminal());
        out.put("percent", g.progress().percent());
        out.put("message", g.progress().message());
        return out;
    }

    @PostMapping("/studio/generations/{id}/reroll")
    String reroll(@PathVariable String id, @RequestParam(name = StudioSession.CSRF_PARAMETER, required = false) String csrf,
                  HttpServletRequest request, HttpServletResponse response) {
        return resubmit(id, null, authorize(request, response, csrf));
    }

    /** Variations: the same prompt and settings, {@value #VARIATIONS} images from new seeds. */
    @PostMapping("/studio/generations/{id}/variations")
    String variations(@PathVariable String id, @RequestParam(name = StudioSession.CSRF_PARAMETER, required = false) String csrf,
                      HttpServletRequest request, HttpServletResponse response) {
        return resubmit(id, VARIATIONS, authorize(request, response, csrf));
    }

    /** The generation's prompt and settings again, with {@code count} images (null: as many as before). */
    private String resubmit(String id, Integer count, Caller caller) {
        Generation g = generations.get(caller, id);
        return "redirect:/studio/generations/" + generations.submit(caller, StudioForm.of(g).toRequest(count)).id();
    }

    @PostMapping("/studio/generations/{id}/publish")
    String publish(@PathVariable String id, @RequestParam(name = StudioSession.CSRF_PARAMETER, required = false) String csrf,
                   HttpServletRequest request, HttpServletResponse response) {
        Caller caller = authorize(request, response, csrf);
        try {
            gallery.publish(caller, id, Actor.ownerKey(caller, StudioSession.displayName(request)));
            return "redirect:/studio/generations/" + id + "?notice=published";
        } catch (GalleryException e) {
            return "redirect:/studio/generations/" + id + "?notice=" + e.code();
        }
    }

    private Caller authorize(HttpServletRequest request, HttpServletResponse response, String csrf) {
        Caller caller = session.caller(request, response).orElseThrow(StudioSession.NotSignedInException::new);
        StudioSession.checkCsrf(request, csrf);
        return caller;
    }

    private void form(Model view, Caller caller, HttpServletRequest request, StudioForm form) {
        view.addAttribute("form", form);
        view.addAttribute("templates", templates.list(caller.teamId()).stream().map(PromptTemplate::name).toList());
        view.addAttribute("ratios", ASPECT_RATIOS);
        view.addAttribute("models", catalog.models().stream().map(ModelDescriptor::id).toList());
        view.addAttribute("defaultModel", catalog.defaultModel().id());
        view.addAttribute("maxCount", MAX_COUNT);
        view.addAttribute("csrf", StudioSession.csrfToken(request));
        view.addAttribute("who", StudioSession.displayName(request));
    }

    private void history(Model view, Caller caller, int page) {
        int current = Math.max(1, page);
        GenerationService.Page found = generations.list(caller, null, PAGE_SIZE, (current - 1) * PAGE_SIZE);
        view.addAttribute("history", found.items().stream().map(g -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", g.id());
            item.put("prompt", g.asked().originalPrompt());
            item.put("status", g.status().name().toLowerCase(java.util.Locale.ROOT));
            item.put("thumb", g.outcome().images().isEmpty() ? null : urls.urlFor(g.outcome().images().getFirst()));
            item.put("count", g.outcome().images().size());
            return item;
        }).toList());
        view.addAttribute("page", current);
        view.addAttribute("hasPrevious", current > 1);
        view.addAttribute("hasNext", found.hasMore());
        view.addAttribute("total", found.total());
    }

    /**
     * The studio's failures as its error page: a stale form or no session 403, an unknown generation
     * 404, used-up requests 429 (Retry-After is already set).
     */
    @ExceptionHandler({StudioSession.CsrfRejectedException.class, StudioSession.NotSignedInException.class,
            GenerationNotFoundException.class, RateLimitExceededException.class})
    String failed(RuntimeException e, HttpServletResponse response, Model view) {
        response.setStatus(switch (e) {
            case GenerationNotFoundException notFound -> 404;
            case RateLimitExceededException limited -> 429;
            default -> 403;
        });
        view.addAttribute("message", e.getMessage());
        return "gallery/error";
    }

    /**
     * The studio's form, bound from its fields; blank means "the default".
     *
     * @param template    a style template's name, blank for none
     * @param aspectRatio {@code W:H}
     * @param model       a catalog id, blank for the catalog default
     * @param seed        digits, blank for a random seed
     */
    record StudioForm(String prompt, String template, String aspectRatio, String model, Integer count, String seed,
                      String negativePrompt) {

        static StudioForm of(Generation g) {
            return new StudioForm(g.asked().originalPrompt(), g.asked().template() == null ? "" : g.asked().template(),
                    g.asked().aspectRatio(), g.asked().model(),
                    Math.min(g.asked().count(), MAX_COUNT), "", g.asked().negativePrompt() == null ? ""
                    : g.asked().negativePrompt());
        }

        GenerationRequest toRequest(Integer countOverride) {
            GenerationRequest.Builder b = GenerationRequest.builder(GenerationSource.STUDIO)
                    .prompt(prompt == null ? "" : prompt.strip())
                    .autoEnhance(false);
            if (template != null && !template.isBlank()) {
                b.template(template.strip());
            }
            if (model != null && !model.isBlank()) {
                b.model(model.strip());
            }
            if (aspectRatio != null && !aspectRatio.isBlank()) {
                b.aspectRatio(AspectRatio.parse(aspectRatio.strip()).orElseThrow(() -> GenerationValidationException.invalid(
                        "aspectRatio", "aspect ratio must be W:H, e.g. 16:9")));
            }
            int n = countOverride != null ? countOverride : count == null ? 1 : count;
            if (n < 1 || n > Math.max(MAX_COUNT, VARIATIONS)) {
                throw GenerationValidationException.invalid("count", "count must be between 1 and " + MAX_COUNT);
            }
            b.count(n);
            if (seed != null && !seed.isBlank()) {
                try {
                    b.seed(Long.parseLong(seed.strip()));
                } catch (NumberFormatException e) {
                    throw GenerationValidationException.invalid("seed", "seed must be a whole number");
                }
            } else {
                b.seed(ThreadLocalRandom.current().nextLong(1L << 31));
            }
            if (negativePrompt != null && !negativePrompt.isBlank()) {
                b.negativePrompt(negativePrompt.strip());
            }
            return b.build();
        }
    }
}
