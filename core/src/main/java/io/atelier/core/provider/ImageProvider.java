package io.atelier.core.provider;

import java.util.List;
import java.util.OptionalInt;

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

    /**
     * How many calls this provider's backend takes at once when the operator sets no limit
     * ({@code atelier.generation.in-flight-limits}); empty = the engine's default for hosted APIs
     * (high: they wait on the network). A one-GPU backend says 1.
     */
    default OptionalInt defaultInFlightLimit() {
        return OptionalInt.empty();
    }

    /**
     * Whether {@link #generate} works on this machine's CPU (rendering, encoding) rather than waiting
     * on a backend: such calls run on a small pool of platform threads sized to the cores, never on
     * the virtual threads that wait for hosted backends.
     */
    default boolean cpuBound() {
        return false;
    }

    /**
     * About how many bytes of heap one call holds at its peak (images decoded, rendered or buffered),
     * so the engine can bound the bytes in flight: excess calls wait for memory instead of failing.
     * The default assumes each image is held whole, at four bytes a pixel; providers that stream their
     * images into {@link ProviderContext#imageSink()} say less.
     */
    default long memoryPerCall(ProviderRequest request) {
        return request.count() * 4L * request.size().width() * request.size().height();
    }
}
