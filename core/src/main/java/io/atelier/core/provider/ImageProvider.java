package io.atelier.core.provider;

import java.util.List;

/**
 * The port every image backend implements. One provider serves one or more catalog models whose
 * ids are {@code provider/name}.
 *
 * <p>Threading: {@link #generate} is called on a worker thread and may block for as long as the
 * backend takes. It must return promptly when the thread is interrupted or
 * {@link ProviderContext#isCancelled()} turns true (cancel, shutdown), throwing
 * {@link ProviderException.Canceled}.
 *
 * <p>Errors: every failure is a {@link ProviderException}; retriable ones (timeouts, 429, 5xx,
 * connection resets) may be retried by the caller, non-retriable ones never are.
 */
public interface ImageProvider {

    /** Provider id, the part before the slash in model ids, e.g. {@code local}, {@code openai}. */
    String id();

    /** The models this provider serves, with their true capabilities and costs. */
    List<ModelDescriptor> models();

    /**
     * Generates {@code request.count()} images. Implementations report progress through the
     * context when the backend exposes it.
     */
    ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException;
}
