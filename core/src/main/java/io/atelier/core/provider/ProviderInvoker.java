package io.atelier.core.provider;

import java.util.List;
import java.util.Objects;

/**
 * How the generation worker calls a provider: the one place where time limits, retries, the circuit
 * breaker and the fallback model apply to every provider alike (see
 * {@code io.atelier.core.provider.resilience}). Providers themselves make one attempt per call.
 *
 * <p>Threading: as {@link ImageProvider#generate}; called on a worker thread, blocks.
 */
public interface ProviderInvoker {

    /**
     * Generates with the entry's provider, or with the configured fallback model when that provider is
     * unavailable.
     *
     * @throws ProviderException the last failure when no attempt succeeded
     */
    Outcome invoke(ModelCatalog.Entry entry, ProviderRequest request, ProviderContext context) throws ProviderException;

    /**
     * What a call produced.
     *
     * @param result   the images
     * @param servedBy the model that made them (the requested one, or the fallback)
     * @param warnings what the user should know (e.g. that a fallback model was used), never null
     */
    record Outcome(ProviderResult result, ModelDescriptor servedBy, List<String> warnings) {
        public Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(servedBy, "servedBy");
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /** One plain call, no retries or fallback: for benchmarks and direct use. */
    static ProviderInvoker direct() {
        return (entry, request, context) ->
                new Outcome(entry.provider().generate(request, context), entry.model(), List.of());
    }
}
