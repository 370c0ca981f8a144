package io.atelier.bench;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.local.LocalPreviewProvider;
import io.atelier.core.provider.local.LocalProviderProperties;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the {@code local/preview} provider end to end: one {@code generate} call, i.e. reading the
 * prompt, rendering every image and PNG-encoding it, on the calling thread, with no simulated
 * latency. Prompts and seeds vary per call (a fixed rotation, so runs are comparable), which
 * exercises every layer of the renderer.
 *
 * <p>Wall-clock times are what a caller waits; the CPU time of the calling thread is also given
 * because it barely moves when other processes compete for the cores (wall time does).
 *
 * <p>Output: one JSON line per scenario (for scripts), then a table. Settings (system properties):
 * {@code render.iterations} (default 200) calls per scenario, {@code render.warmup} (default 30)
 * untimed 1024×1024 calls first so the JIT has compiled the hot loops.
 */
public final class RenderBenchmark {

    /** A rotation of prompts that between them hit every theme, element and archetype. */
    static final List<String> PROMPTS = List.of(
            "a fox in the snow at dawn",
            "sunset over the mountains",
            "neon synthwave grid with a retro sun",
            "calm ocean at night under the moon",
            "a pine forest in autumn",
            "cyberpunk city skyline at night",
            "abstract bokeh lights, pastel",
            "minimal geometric poster, red and teal stripes",
            "desert dunes under a blue sky",
            "stormy sea with waves",
            "volcano erupting lava",
            "starry galaxy over a lake",
            "vintage film photo of a golden field",
            "cherry blossom spring garden",
            "a lighthouse on a rocky coast",
            "portrait of a cat wearing a hat",
            "misty valley with hills at sunrise",
            "purple and gold abstract orbs",
            "winter village in a snowy valley",
            "tropical island beach",
            "a dragon flying over a burning castle",
            "green emerald jungle waterfall",
            "black and white city street, film grain",
            "lemon yellow and cobalt blue shapes");

    record Scenario(String name, ImageSize size, int count, String background, int iterations) {
    }

    /** Figures of one scenario; times are per {@code generate} call. */
    record Result(Scenario scenario, double minMs, double medianMs, double p90Ms, double p99Ms, double maxMs,
                  double meanMs, double cpuMedianMs, double imagesPerSecond, double pngKilobytes,
                  double allocatedMegabytesPerCall, double heapUsedMegabytes) {
    }

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws ProviderException {
        int iterations = Integer.getInteger("render.iterations", 200);
        int warmup = Integer.getInteger("render.warmup", 30);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT,
                "{\"benchmark\":\"render\",\"jvm\":\"%s %s\",\"java_home\":\"%s\",\"cpus\":%d,\"max_heap_mb\":%d,"
                        + "\"iterations\":%d,\"warmup\":%d}%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.home"), runtime.availableProcessors(), runtime.maxMemory() >> 20,
                iterations, warmup);

        LocalPreviewProvider provider = new LocalPreviewProvider(LocalProviderProperties.defaults());
        Scenario warm = new Scenario("warm-up", new ImageSize(1024, 1024), 1, null, warmup);
        long checksum = 0;
        for (int i = 0; i < warmup; i++) {
            checksum += call(provider, warm, i).images().getFirst().bytes().length;
        }

        List<Scenario> scenarios = List.of(
                new Scenario("1024x1024", new ImageSize(1024, 1024), 1, null, iterations),
                new Scenario("512x512", new ImageSize(512, 512), 1, null, iterations),
                new Scenario("1536x1024", new ImageSize(1536, 1024), 1, null, iterations),
                new Scenario("1024x1024 n=4", new ImageSize(1024, 1024), 4, null, Math.max(1, iterations / 4)),
                new Scenario("1024x1024 transparent", new ImageSize(1024, 1024), 1, "transparent", iterations));
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Result result = measure(provider, scenario);
            results.add(result);
            System.out.println(json(result));
            checksum += (long) result.pngKilobytes();
        }
        System.out.println();
        System.out.println(table(results));
        // Printed so the JIT cannot drop the work as unused.
        System.out.println("checksum " + checksum);
    }

    private static Result measure(LocalPreviewProvider provider, Scenario scenario) throws ProviderException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[scenario.iterations()];
        long[] cpuNanos = new long[scenario.iterations()];
        long pngBytes = 0;
        long images = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < scenario.iterations(); i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            ProviderResult result = call(provider, scenario, i);
            nanos[i] = System.nanoTime() - start;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuStart;
            for (ProviderResult.GeneratedImage image : result.images()) {
                pngBytes += image.bytes().length;
                images++;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = runtime.totalMemory() - runtime.freeMemory();

        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long[] sortedCpu = cpuNanos.clone();
        Arrays.sort(sortedCpu);
        double totalSeconds = Arrays.stream(nanos).sum() / 1e9;
        return new Result(scenario,
                ms(sorted[0]), ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]), ms(Arrays.stream(nanos).sum() / nanos.length),
                ms(percentile(sortedCpu, 50)), images / totalSeconds, pngBytes / 1024.0 / images,
                allocated / (1024.0 * 1024.0) / scenario.iterations(), heapUsed / (1024.0 * 1024.0));
    }

    private static ProviderResult call(LocalPreviewProvider provider, Scenario scenario, int i) throws ProviderException {
        String prompt = PROMPTS.get(i % PROMPTS.size());
        ProviderRequest request = new ProviderRequest(LocalPreviewProvider.MODEL_NAME, prompt, null, scenario.size(),
                scenario.count(), 1_000L + i, scenario.background(), null, null, Map.of(), null);
        return provider.generate(request, ProviderContext.detached());
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String json(Result r) {
        Scenario s = r.scenario();
        return String.format(Locale.ROOT,
                "{\"scenario\":\"%s\",\"size\":\"%s\",\"count\":%d,\"background\":\"%s\",\"calls\":%d,"
                        + "\"min_ms\":%.2f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,"
                        + "\"mean_ms\":%.2f,\"cpu_p50_ms\":%.2f,\"images_per_s\":%.1f,\"png_kb_avg\":%.0f,\"alloc_mb_per_call\":%.1f,"
                        + "\"heap_used_mb\":%.0f}",
                s.name(), s.size(), s.count(), s.background() == null ? "auto" : s.background(), s.iterations(),
                r.minMs(), r.medianMs(), r.p90Ms(), r.p99Ms(), r.maxMs(), r.meanMs(), r.cpuMedianMs(),
                r.imagesPerSecond(), r.pngKilobytes(), r.allocatedMegabytesPerCall(), r.heapUsedMegabytes());
    }

    private static String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-24s %6s %8s %8s %8s %8s %8s %8s %9s %8s %9s %8s%n",
                "scenario (ms per call)", "calls", "min", "median", "p90", "p99", "max", "cpu p50", "images/s",
                "PNG KB", "alloc MB", "heap MB"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%-24s %6d %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %9.1f %8.0f %9.1f %8.0f%n",
                    r.scenario().name(), r.scenario().iterations(), r.minMs(), r.medianMs(), r.p90Ms(), r.p99Ms(),
                    r.maxMs(), r.cpuMedianMs(), r.imagesPerSecond(), r.pngKilobytes(), r.allocatedMegabytesPerCall(),
                    r.heapUsedMegabytes()));
        }
        return out.toString();
    }
}
