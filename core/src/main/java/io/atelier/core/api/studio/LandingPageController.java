package io.atelier.core.api.studio;

import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.routing.ModelRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /}: what this instance runs (its models, the names it routes to them, which surfaces are
 * on) and links to the studio, the gallery, the API documentation and health. Nothing secret: the
 * same facts the public model list and health endpoint give.
 */
@Controller
@PublicEndpoint
class LandingPageController {

    private final ModelCatalog catalog;
    private final ModelRouter router;
    private final Environment environment;

    LandingPageController(ModelCatalog catalog, ModelRouter router, Environment environment) {
        this.catalog = catalog;
        this.router = router;
        this.environment = environment;
    }

    /** A surface and whether it is on here. */
    record Surface(String name, boolean on, String how) {
    }

    @GetMapping("/")
    String home(Model view) {
        String defaultId = catalog.defaultModel().id();
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelDescriptor m : catalog.models()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", m.id());
            item.put("name", m.displayName());
            item.put("description", m.description());
            item.put("isDefault", m.id().equals(defaultId));
            item.put("routed", router.routes().entrySet().stream().filter(e -> e.getValue().equals(m.id()))
                    .map(Map.Entry::getKey).toList());
            models.add(item);
        }
        view.addAttribute("models", models);
        view.addAttribute("surfaces", surfaces());
        return "studio/home";
    }

    private List<Surface> surfaces() {
        return List.of(
                new Surface("HTTP APIs", true, "native /api/v1, OpenAI /v1/images, Cuppa /v1/images, v0 /v0/images, Recoup /api/image/generate"),
                new Surface("Studio and gallery", true, "/studio, /gallery, /moderation"),
                new Surface("Recoup without a key", set("atelier.recoup.anonymous-team"), "atelier.recoup.anonymous-team"),
                new Surface("MCP over HTTP", !"false".equals(environment.getProperty("atelier.mcp.http.enabled")), "/mcp"),
                new Surface("Assistant", set("atelier.llm.base-url"), "POST /api/v1/assistant/chat (atelier.llm.*)"),
                new Surface("Discord bot", set("atelier.discord.token"), "atelier.discord.token"),
                new Surface("Slack app", set("atelier.slack.bot-token"), "atelier.slack.bot-token"));
    }

    private boolean set(String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }
}
