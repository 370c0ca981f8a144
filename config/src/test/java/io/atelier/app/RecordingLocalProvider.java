package io.atelier.app;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.local.LocalPreviewProvider;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The real {@code local/preview} provider with every {@link ProviderRequest} the worker sends it
 * recorded, so end-to-end tests can check what reached the provider (its init image, references,
 * strength, upscale). Installed by {@link #wrapping()}, a bean post-processor of test configurations.
 */
final class RecordingLocalProvider implements ImageProvider {

    static final List<ProviderRequest> REQUESTS = new CopyOnWriteArrayList<>();

    private final ImageProvider real;

    RecordingLocalProvider(ImageProvider real) {
        this.real = real;
    }

    /** Replaces the local/preview bean by a recording wrapper around it. */
    static BeanPostProcessor wrapping() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof LocalPreviewProvider local ? new RecordingLocalProvider(local) : bean;
            }
        };
    }

    /** Waits (bounded) for a request matching the predicate, newest first. */
    static ProviderRequest await(Predicate<ProviderRequest> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = REQUESTS.size() - 1; i >= 0; i--) {
                if (matching.test(REQUESTS.get(i))) {
                    return REQUESTS.get(i);
                }
            }
            AppTestSupport.sleep(20);
        }
        throw new AssertionError("no provider request matched within " + timeout + "; got prompts "
                + REQUESTS.stream().map(ProviderRequest::prompt).toList());
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public List<ModelDescriptor> models() {
        return real.models();
    }

    @Override
    public ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
        REQUESTS.add(request);
        return real.generate(request, context);
    }

    @Override
    public OptionalInt defaultInFlightLimit() {
        return real.defaultInFlightLimit();
    }

    @Override
    public boolean cpuBound() {
        return real.cpuBound();
    }

    @Override
    public long memoryPerCall(ProviderRequest request) {
        return real.memoryPerCall(request);
    }
}
