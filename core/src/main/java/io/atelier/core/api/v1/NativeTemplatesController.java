package io.atelier.core.api.v1;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateDefinition;
import io.atelier.core.prompt.template.TemplateService;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
class NativeTemplatesController {

    private final TemplateService templates;

    NativeTemplatesController(TemplateService templates) {
        this.templates = templates;
    }

    @GetMapping
    Map<String, Object> list(Caller caller) {
        return NativeViews.ok(templates.list(caller.teamId()).stream().map(NativeTemplatesController::view).toList());
    }

    @GetMapping("/{name}")
    Map<String, Object> get(Caller caller, @PathVariable String name) {
        return NativeViews.ok(view(templates.get(caller.teamId(), name)));
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody(required = false) JsonNode body) {
        PromptTemplate created = templates.create(caller.teamId(), definition(body));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/templates/" + created.name()))
                .body(NativeViews.ok(view(created)));
    }

    @PutMapping("/{name}")
    Map<String, Object> replace(Caller caller, @PathVariable String name, @RequestBody(required = false) JsonNode body) {
        return NativeViews.ok(view(templates.replace(caller.teamId(), name, definition(body))));
    }

    @DeleteMapping("/{name}")
    Map<String, Object> delete(Caller caller, @PathVariable String name) {
        templates.delete(caller.teamId(), name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "Template deleted");
        return out;
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
