package io.atelier.core.api.v1;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateDefinition;
import io.atelier.core.prompt.template.TemplateService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Enhancement templates ({@code /api/v1/templates}): Banatie's seven built-ins (read-only) and the
 * caller's team's own. {@code GET} lists both; create, replace and delete act on the team's own.
 */
@RestController
@RequestMapping("/api/v1/templates")
class NativeTemplatesController extends NativeTeamCatalog<PromptTemplate, TemplateDefinition> {


    NativeTemplatesController(TemplateService templates) {
        super(templates, "/api/v1/templates", "Template deleted", PromptTemplate::name,
                NativeTemplatesController::view, NativeTemplatesController::definition);
    }

    @GetMapping("/{name}")
    Map<String, Object> get(Caller caller, @PathVariable String name) {
        return entry(caller, name);
    }

    @PutMapping("/{name}")
    Map<String, Object> replace(Caller caller, @PathVariable String name, @RequestBody(required = false) JsonNode body) {
        return replaceEntry(caller, name, body);
    }

    @DeleteMapping("/{name}")
    Map<String, Object> delete(Caller caller, @PathVariable String name) {
        return deleteEntry(caller, name);
    }

    private static TemplateDefinition definition(JsonNode body) {
        JsonBody json = JsonBody.of(body);
        return new TemplateDefinition(json.string("name").orElse(null), json.string("description").orElse(null),
                json.string("styleGuidance").orElse(null), PromptJson.strings(body, "cues", "cues").orElse(null),
                json.string("negativePrompt").orElse(null));
    }

    static Map<String, Object> view(PromptTemplate t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("description", t.description());
        out.put("styleGuidance", t.styleGuidance());
        out.put("cues", t.cues());
        out.put("negativePrompt", t.negativePrompt());
        out.put("builtIn", t.builtIn());
        out.put("createdAt", t.builtIn() ? null : Timestamps.iso(t.createdAt()));
        out.put("updatedAt", t.builtIn() ? null : Timestamps.iso(t.updatedAt()));
        return out;
    }
}
