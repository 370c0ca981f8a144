package io.atelier.core.generation;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How many generations this instance runs at once, per provider, and how much image data it may
 * hold ({@code atelier.generation.*}).
 *
 * <p>Concurrency is bounded by what limits it: each provider (or model) is a lane with its own
 * in-flight limit, a bulkhead set to what the backend takes. Hosted APIs wait on the network, so
 * their default is high; one-GPU backends (AUTOMATIC1111, ComfyUI) say 1; {@code local/preview}
 * renders on this machine's cores. A provider's own default comes from
 * {@link io.atelier.core.provider.ImageProvider#defaultInFlightLimit()}.
 *
 * @param defaultInFlightLimit generations in flight per provider whose backend sets no default of its own
 *                             (hosted APIs), default 256
 * @param inFlightLimits       per-provider ({@code openai}) or per-model ({@code openai/gpt-image-1})
 *                             limits; a model named here gets a lane of its own
 * @param memoryBudget         bytes of image data the running generations may hold at once (see
 *                             {@link io.atelier.core.provider.ImageProvider#memoryPerCall}); a call that
 *                             would pass it waits. Unset: a quarter of the maximum heap
 */
@ConfigurationProperties("atelier.generation")
public record GenerationEngineProperties(
        @DefaultValue("256") int defaultInFlightLimit,
        Map<String, Integer> inFlightLimits,
        DataSize memoryBudget) {

    public GenerationEngineProperties {
        inFlightLimits = inFlightLimits == null ? Map.of() : Map.copyOf(inFlightLimits);
        if (defaultInFlightLimit < 1) {
            throw new IllegalArgumentException("atelier.generation.default-in-flight-limit must be at least 1");
        }
        inFlightLimits.forEach((key, limit) -> {
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("atelier.generation.in-flight-limits[" + key + "] must be at least 1");
            }
        });
        if (memoryBudget != null && memoryBudget.toBytes() < DataSize.ofMegabytes(1).toBytes()) {
            throw new IllegalArgumentException("atelier.generation.memory-budget must be at least 1MB");
        }
    }

    /** The memory budget in bytes: the configured one, or a quarter of the maximum heap. */
    long memoryBudgetBytes() {
        return memoryBudget != null ? memoryBudget.toBytes() : Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
    }
}
