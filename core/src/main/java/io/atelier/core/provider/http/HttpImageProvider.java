package io.atelier.core.provider.http;

import java.util.List;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;

/**
 * What every provider on the HTTP kit shares: its id, the models it serves, the steps before any call
 * (a canceled generation fails at once; the model is looked up and the request checked against it),
 * and closing its {@link ProviderHttpClient}. A provider implements {@link #generate(ProviderRequest,
 * ModelDescriptor, ProviderContext)} for a request already known to be servable.
 */
public abstract class HttpImageProvider implements ImageProvider, AutoCloseable {

    /** The provider's client; closed by {@link #close()}. */
    protected final ProviderHttpClient http;
    private final String id;
    private final ServedModels models;

    protected HttpImageProvider(String id, ProviderHttpClient http, ServedModels models) {
        this.id = id;
        this.http = http;
        this.models = models;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<ModelDescriptor> models() {
        return models.list();
    }

    @Override
    public final ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
        context.throwIfCancelled();
        ModelDescriptor model = models.of(request);
        check(request, model);
        return generate(request, model, context);
    }

    /**
     * Refuses what the model cannot do before any call is paid for; by default the catalog's
     * capabilities ({@link HostedErrors#validate}).
     */
    protected void check(ProviderRequest request, ModelDescriptor model) throws ProviderException {
        HostedErrors.validate(request, model);
    }

    /** Generates for a request that names one of this provider's models and passed {@link #check}. */
    protected abstract ProviderResult generate(ProviderRequest request, ModelDescriptor model, ProviderContext context)
            throws ProviderException;

    /** Aborts calls in flight; the provider cannot be used afterwards. */
    @Override
    public void close() {
        http.close();
    }
}
