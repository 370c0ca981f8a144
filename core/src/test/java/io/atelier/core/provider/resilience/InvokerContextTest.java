package io.atelier.core.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.local.LocalPreviewProvider;
import io.atelier.core.provider.local.LocalProviderProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the invoker's own context (the call deadline) passes through from the worker's. */
class InvokerContextTest {

    @Test
    void theProviderWritesIntoTheWorkersImageSinkNotAnInMemoryDefault() throws ProviderException {
        LocalPreviewProvider local = new LocalPreviewProvider(LocalProviderProperties.defaults());
        AtomicReference<ImageSink> seen = new AtomicReference<>();
        ImageProvider probe = new ImageProvider() {
            @Override
            public String id() {
                return local.id();
            }

            @Override
            public List<ModelDescriptor> models() {
                return local.models();
            }

            @Override
            public ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
                seen.set(context.imageSink());
                return local.generate(request, context);
            }
        };
        ModelCatalog catalog = new ModelCatalog(List.of(probe), "");
        ImageSink workers = ImageSink.IN_MEMORY::open;
        ProviderContext worker = new ProviderContext() {
            @Override
            public void progress(Progress progress) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public ImageSink imageSink() {
                return workers;
            }
        };
        ResilientProviderInvoker invoker = new ResilientProviderInvoker(ResilienceBinding.bind(), catalog, new SimpleMeterRegistry());

        invoker.invoke(catalog.find("local/preview").orElseThrow(), new ProviderRequest("preview", "a fox", null,
                new ImageSize(64, 64), 1, 3L, null, null, null, Map.of(), "gen-1"), worker);

        assertThat(seen.get()).isSameAs(workers);
    }
}
