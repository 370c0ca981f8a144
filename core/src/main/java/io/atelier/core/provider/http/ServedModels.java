package io.atelier.core.provider.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;

/**
 * The models one provider serves, by the names its {@code models} property lists (in that order),
 * and the first step of every {@code generate}: finding the model a request names.
 */
public final class ServedModels {

    private final String provider;
    private final Map<String, ModelDescriptor> byName;

    /**
     * @param provider the provider's id, as messages name it
     * @param describe the descriptor of one configured model name
     */
    public ServedModels(String provider, List<String> names, Function<String, ModelDescriptor> describe) {
        this.provider = provider;
        Map<String, ModelDescriptor> models = new LinkedHashMap<>();
        for (String name : names) {
            models.put(name, describe.apply(name));
        }
        this.byName = models;
    }

    /**
     * A self-hosted server's checkpoints ({@code <provider>/<name>}), all with the same capabilities,
     * limit and cost; {@code loadedName} stands for whatever checkpoint the server or workflow has.
     *
     * @param loaded      title and description of {@code loadedName}
     * @param description the description of a named checkpoint (its title is its name)
     */
    public static ServedModels checkpoints(String provider, List<String> names, String loadedName, Labels loaded,
            UnaryOperator<String> description, ModelCapabilities capabilities, int promptLimit, int creditCost) {
        return new ServedModels(provider, names, name -> {
            boolean isLoaded = loadedName.equals(name);
            return new ModelDescriptor(provider + "/" + name, provider, name,
                    isLoaded ? loaded.title() : name, isLoaded ? loaded.description() : description.apply(name),
                    capabilities, promptLimit, creditCost);
        });
    }

    /** How a model is shown: its title and one-line description. */
    public record Labels(String title, String description) {
    }

    /** The descriptors, in the configured order. */
    public List<ModelDescriptor> list() {
        return List.copyOf(byName.values());
    }

    /** The model the request names; {@code PROVIDER_MODEL_NOT_FOUND} when this provider does not serve it. */
    public ModelDescriptor of(ProviderRequest request) throws ProviderException {
        ModelDescriptor model = byName.get(request.modelName());
        if (model == null) {
            throw HostedErrors.modelNotServed(provider, request.modelName());
        }
        return model;
    }
}
