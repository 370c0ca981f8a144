package io.atelier.bench.discord;

import io.atelier.core.generation.GenerationEvent;
import io.atelier.testkit.discord.FakeDiscord;
import io.atelier.testkit.discord.FakeDiscordRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Discord bot latency against {@link FakeDiscord}, with the real JDA client and the whole service
 * in this JVM (H2 in a temp dir, {@code local/preview} with {@code --latency}):
 *
 * <ul>
 *   <li><b>ack</b>: INTERACTION_CREATE handed to the fake gateway's socket → the deferred interaction
 *       callback arriving at the fake's REST server, for {@code --concurrency} {@code /imagine}s sent
 *       in one burst; {@code --warmup-rounds} bursts first (not counted: the JIT is still compiling the
 *       bot's paths during them, and a bot runs warm), then {@code --rounds} counted ones;</li>
 *   <li><b>edit</b>: the generation's FINISHED event (committed SUCCEEDED) → the
 *       {@code PATCH …/messages/@original} with the image arriving at the fake.</li>
 * </ul>
 * Both clocks are this JVM's {@link System#nanoTime()}. Targets from the issue: ack p99 &lt; 100 ms,
 * edit p99 &lt; 300 ms. Options: {@code --concurrency 50 --warmup-rounds 30 --rounds 3 --latency 500ms
 * --workers 8}; {@code -Dbench.trace=true} prints each interaction's dispatch and ack times.
 */
public final class DiscordLatencyBenchmark {

    /**
     * JDA's gateway reading thread ("JDA MainWS-ReadThread" cut to the kernel's 15 characters): it
     * handles a burst's interactions one after another, so whether it works or waits for a core
     * is most of the ack latency.
     */
    private static final String GATEWAY_THREAD = "JDA MainWS-Read";

    private DiscordLatencyBenchmark() {
    }

    /** The service as the executable jar assembles it (AtelierApplication lives in the config module). */
    @SpringBootApplication(scanBasePackages = "io.atelier")
    @ConfigurationPropertiesScan("io.atelier")
    static class BenchApplication {
    }

    /** When each generation finished, by id (System.nanoTime). */
    @Component
    static class Completions {
        static final Map<String, Long> FINISHED = new ConcurrentHashMap<>();

        /** First of the FINISHED listeners, before the one that starts the delivery. */
        @EventListener
        @Order(Ordered.HIGHEST_PRECEDENCE)
        void on(GenerationEvent event) {
            if (event.kind() == GenerationEvent.Kind.FINISHED) {
                FINISHED.putIfAbsent(event.generation().id(), System.nanoTime());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.parseInt(arg(args, "--concurrency", "50"));
        int warmupRounds = Integer.parseInt(arg(args, "--warmup-rounds", "30"));
        int rounds = warmupRounds + Integer.parseInt(arg(args, "--rounds", "3"));
        String latency = arg(args, "--latency", "500ms");
        String workers = arg(args, "--workers", "8");
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        Path dataDir = Files.createTempDirectory("atelier-discord-bench-");
        try (FakeDiscord discord = new FakeDiscord()) {
            SpringApplication app = new SpringApplication(BenchApplication.class);
            app.setDefaultProperties(Map.ofEntries(
                    Map.entry("server.port", "0"),
                    Map.entry("server.address", "127.0.0.1"),
                    Map.entry("spring.threads.virtual.enabled", "true"),
                    Map.entry("atelier.data-dir", dataDir.toString()),
                    Map.entry("atelier.bootstrap-api-key", "bench-admin-key-0123456789abcdef"),
                    Map.entry("atelier.providers.local.latency", latency),
                    Map.entry("atelier.generation.in-flight-limits.local", workers),
                    Map.entry("atelier.worker.poll-interval", "200ms"),
                    // Quotas on (every count is made) but high enough never to refuse the benchmark's bursts.
                    Map.entry("atelier.chat.quota.user-concurrent", "100"),
                    Map.entry("atelier.chat.quota.user-daily", "100000"),
                    Map.entry("atelier.chat.quota.tenant-concurrent", "100000"),
                    Map.entry("atelier.chat.quota.tenant-daily", "1000000"),
                    // Issue 17: chat tenants start with few credits and chat users spend from the
                    // per-key rate limit; neither may refuse the benchmark's bursts.
                    Map.entry("atelier.chat.starting-credits", "100000000"),
                    Map.entry("atelier.rate-limit.per-key", "0"),
                    Map.entry("atelier.discord.token", "bench-token"),
                    Map.entry("atelier.discord.api-base-url", discord.apiBaseUrl()),
                    Map.entry("atelier.discord.gateway-url", discord.gatewayUrl()),
                    Map.entry("logging.level.root", "WARN")));
            try (ConfigurableApplicationContext context = app.run()) {
                discord.awaitReady(Duration.ofSeconds(60));
                List<Long> acks = new ArrayList<>();
                List<Long> edits = new ArrayList<>();
                long[] gatewayAtStart = new long[3];
                Map<String, Long> cpuDuringAcks = new TreeMap<>();
                for (int round = 0; round < rounds; round++) {
                    if (round == warmupRounds) {
                        gatewayAtStart = threadSchedstats().getOrDefault(GATEWAY_THREAD, new long[3]);
                    }
                    List<FakeDiscord.Interaction> sent = new ArrayList<>();
                    if (Boolean.getBoolean("bench.trace")) {
                        System.out.println("  trace round " + round + " starts at " + Instant.now());
                    }
                    for (int i = 0; i < concurrency; i++) {
                        sent.add(discord.slashCommand("imagine", List.of(FakeDiscord.option("prompt", 3,
                                "bench " + round + "-" + i + " a lighthouse at dusk")), String.valueOf(3000 + i), "0"));
                    }
                    Map<String, long[]> before = threadSchedstats();
                    for (FakeDiscord.Interaction interaction : sent) {
                        discord.awaitExact("POST", "/interactions/" + interaction.id() + "/"
                                + interaction.token() + "/callback", r -> true, Duration.ofSeconds(60));
                    }
                    if (round >= warmupRounds) {
                        threadSchedstats().forEach((name, stat) -> cpuDuringAcks.merge(name,
                                Math.max(0, stat[0] - before.getOrDefault(name, new long[3])[0]), Long::sum));
                    }
                    for (FakeDiscord.Interaction interaction : sent) {
                        FakeDiscordRequest ack = discord.awaitExact("POST", "/interactions/" + interaction.id() + "/"
                                + interaction.token() + "/callback", r -> true, Duration.ofSeconds(60));
                        FakeDiscordRequest edit = discord.awaitExact("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/"
                                + interaction.token() + "/messages/@original", r -> r.multipart() && r.hasPng(),
                                Duration.ofSeconds(300));
                        String customId = edit.json().at("/components/0/components/0/custom_id").asString();
                        String generationId = customId.substring(customId.lastIndexOf(':') + 1);
                        Long finished = Completions.FINISHED.get(generationId);
                        if (Boolean.getBoolean("bench.trace")) {
                            long t0 = discord.dispatchedAt(sent.get(0).id());
                            System.out.printf(Locale.ROOT, "  trace %d: dispatched +%.1f ms, ack +%.1f ms%n", sent.indexOf(interaction),
                                    ms(discord.dispatchedAt(interaction.id()) - t0), ms(ack.receivedNanos() - t0));
                        }
                        if (round >= warmupRounds) {
                            acks.add(ack.receivedNanos() - discord.dispatchedAt(interaction.id()));
                            if (finished != null) {
                                edits.add(edit.receivedNanos() - finished);
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "round %d%s: %d /imagine done%n", round, round < warmupRounds ? " (warm-up)" : "",
                            concurrency);
                }
                long[] gateway = threadSchedstats().getOrDefault(GATEWAY_THREAD, new long[3]);
                int counted = (rounds - warmupRounds) * concurrency;
                if (gateway[2] > 0) {
                    System.out.printf(Locale.ROOT, "JDA gateway thread per counted interaction (kernel schedstat): on CPU %.2f ms,"
                            + " runnable but waiting for a core %.2f ms, %.1f time slices%n", ms(gateway[0] - gatewayAtStart[0]) / counted,
                            ms(gateway[1] - gatewayAtStart[1]) / counted, (gateway[2] - gatewayAtStart[2]) / (double) counted);
                }
                System.out.print("CPU per counted burst while its acks were outstanding, by thread:");
                cpuDuringAcks.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(8)
                        .forEach(e -> System.out.printf(Locale.ROOT, " %s %.1f ms;", e.getKey(), ms(e.getValue()) / (rounds - warmupRounds)));
                System.out.println();
                report("ack (event → deferred callback)", acks);
                report("edit (job finished → PATCH @original with image)", edits);
            }
        }
        // JDA's and the job engine's leftover threads must not keep the benchmark JVM alive.
        System.exit(0);
    }

    /**
     * The kernel's scheduler statistics of every thread of this process
     * ({@code /proc/self/task/TID/schedstat}: time on a core, time runnable but waiting for one,
     * time slices), summed by thread name with digits folded (pools add up), the JIT compiler's and
     * the GC's threads included; empty where there is no {@code /proc}. Names are the kernel's, cut
     * to 15 characters ({@link #GATEWAY_THREAD}).
     */
    private static Map<String, long[]> threadSchedstats() {
        Map<String, long[]> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
                    String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
                    long[] sum = byName.computeIfAbsent(name, n -> new long[3]);
                    for (int f = 0; f < 3; f++) {
                        sum[f] += Long.parseLong(fields[f]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // no procfs: the figures are left out
        }
        return byName;
    }

    private static void report(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: n=%d min %.1f ms, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what,
                sorted.length, ms(sorted[0]), ms(percentile(sorted, 50)), ms(percentile(sorted, 90)),
                ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
