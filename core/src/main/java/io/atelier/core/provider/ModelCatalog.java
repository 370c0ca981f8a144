package io.atelier.core.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every model of every enabled provider, by id {@code provider/name}.
 *
 * <p>The default model is {@code atelier.default-model} when set, else the first model of the
 * first real (non-local) provider, else {@code local/preview}: a configured backend wins over
 * placeholder art without further settings.
 */
@Component
public class ModelCatalog {

    public static final String LOCAL_PROVIDER = "local";

    private final Map<String, Entry> byId;
    private final ModelDescriptor defaultModel;

    /** A model with the provider that serves it. */
    public record Entry(ModelDescriptor model, ImageProvider provider) {
    }

    public ModelCatalog(List<ImageProvider> providers, @Value("${atelier.default-model:}") String configuredDefault) {
        Map<String, Entry> models = new LinkedHashMap<>();
        List<ImageProvider> ordered = new ArrayList<>(providers);
        // Real providers first, the local placeholder last: that order is also the default order.
        ordered.sort((a, b) -> Boolean.compare(LOCAL_PROVIDER.equals(a.id()), LOCAL_PROVIDER.equals(b.id())));
        for (ImageProvider provider : ordered) {
            for (ModelDescriptor model : provider.models()) {
                if (!model.provider().equals(provider.id())) {
                    throw new IllegalStateException("provider " + provider.id() + " lists a model of another provider: " + model.id());
                }
                if (models.putIfAbsent(model.id(), new Entry(model, provider)) != null) {
                    throw new IllegalStateException("two providers serve the model " + model.id());
                }
            }
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("no image provider is enabled");
        }
        this.byId = Collections.unmodifiableMap(models);
        if (configuredDefault != null && !configuredDefault.isBlank()) {
            Entry entry = models.get(configuredDefault.trim());
            if (entry == null) {
                throw new IllegalStateException("atelier.default-model names an unknown model: " + configuredDefault
                        + " (known: " + String.join(", ", models.keySet()) + ")");
            }
            this.defaultModel = entry.model();
        } else {
            this.defaultModel = models.values().iterator().next().model();
        }
    }

    public Optional<Entry> find(String modelId) {
        return modelId == null ? Optional.empty() : Optional.ofNullable(byId.get(modelId.trim()));
    }

    public List<ModelDescriptor> models() {
        return byId.values().stream().map(Entry::model).toList();
    }

    public ModelDescriptor defaultModel() {
        return defaultModel;
    }
}
