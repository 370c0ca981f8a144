package io.atelier.core.api.openai;

import io.atelier.core.account.Caller;
import io.atelier.core.provider.ModelDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's Models API: {@code GET /v1/models} lists every catalog model and every alias as
 * {@code {object:"list", data:[{id, object:"model", created, owned_by}]}}; {@code GET /v1/models/{id}}
 * retrieves one (ids contain a slash: {@code /v1/models/local/preview}). {@code owned_by} is the
 * provider that serves the model (for an alias, its target's); {@code created} is when this server
 * started, as the catalog has no creation dates.
 */
@RestController
class OpenAiModelsController {

    private final OpenAiModelNames names;
    private final long created = Instant.now().getEpochSecond();

    OpenAiModelsController(OpenAiModelNames names) {
        this.names = names;
    }

    @GetMapping("/v1/models")
    OpenAiWire.ModelList list(Caller caller) {
        List<OpenAiWire.Model> data = new ArrayList<>();
        for (ModelDescriptor model : names.catalogModels()) {
            data.add(model(model.id(), model));
        }
        names.aliases().keySet().forEach(alias -> data.add(model(alias, names.find(alias).orElseThrow())));
        return new OpenAiWire.ModelList("list", data);
    }

    @GetMapping("/v1/models/{*model}")
    OpenAiWire.Model retrieve(Caller caller, @PathVariable("model") String path) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        return names.find(id).map(model -> model(id, model)).orElseThrow(() -> OpenAiModelNames.modelNotFound(id));
    }

    private OpenAiWire.Model model(String id, ModelDescriptor model) {
        return new OpenAiWire.Model(id, "model", created, model.provider());
    }
}
