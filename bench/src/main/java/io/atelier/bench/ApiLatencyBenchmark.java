package io.atelier.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from submit to {@code success} through the native API, for {@code local/preview} with zero
 * simulated latency: the real executable jar runs as a child process on a loopback port with a
 * fresh data directory; this process keeps {@code concurrency} requests in flight, each a
 * {@code POST /api/v1/generations} with {@code Prefer: wait=60}, whose response arrives when the
 * generation succeeded. Reports min / median / p90 / p99 / max and throughput over the measured
 * requests (warm-up requests excluded), plus the server's own processingTimeMs median.
 *
 * <p>Arguments: {@code --jar PATH} (default config/target/atelier.jar), {@code --requests N} (400),
 * {@code --warmup N} (100), {@code --concurrency C} (16), {@code --workers W} (the local provider's in-flight limit
 * threads, default 4), {@code --size WxH} (1024x1024 via aspect ratio 1:1).
 */
public final class ApiLatencyBenchmark {

    private static final String KEY = "bench-admin-key-0123456789abcdef";
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");
    private static final Pattern PROCESSING = Pattern.compile("\"processingTimeMs\":(\\d+)");

    private ApiLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(arg(args, "--jar", "config/target/atelier.jar"));
        int requests = Integer.parseInt(arg(args, "--requests", "400"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "100"));
        int concurrency = Integer.parseInt(arg(args, "--concurrency", "16"));
        int workers = Integer.parseInt(arg(args, "--workers", "4"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar.toAbsolutePath() + "; build it with ./mvnw -DskipTests package");
        }
        Path dataDir = Files.createTempDirectory("atelier-bench-");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--atelier.data-dir=" + dataDir, "--atelier.bootstrap-api-key=" + KEY,
                "--atelier.rate-limit.per-key=0", "--atelier.generation.in-flight-limits.local=" + workers,
                "--logging.structured.format.console=", "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            waitUntilUp(http, base, server);
            System.out.printf(Locale.ROOT, "server: %s, JDK %s, %d cores; client concurrency %d, server workers %d%n",
                    jar.getFileName(), Runtime.version(), Runtime.getRuntime().availableProcessors(), concurrency, workers);

            run(http, base, warmup, concurrency, "warmup");
            Result result = run(http, base, requests, concurrency, "measured");
            result.print();
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private record Sample(long nanos, long processingMs) {
    }

    private record Result(List<Sample> samples, long wallNanos, int failures) {
        void print() {
            List<Long> latencies = new ArrayList<>(samples.stream().map(Sample::nanos).toList());
            List<Long> processing = new ArrayList<>(samples.stream().map(Sample::processingMs).toList());
            Collections.sort(latencies);
            Collections.sort(processing);
            System.out.printf(Locale.ROOT,
                    "submit->success over %d generations (%d failed): min %.1f ms, median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; "
                            + "throughput %.1f generations/s; server processingTimeMs median %d ms%n",
                    latencies.size(), failures, ms(latencies.getFirst()), ms(pct(latencies, 50)), ms(pct(latencies, 90)),
                    ms(pct(latencies, 99)), ms(latencies.getLast()),
                    latencies.size() / (wallNanos / 1e9), pct(processing, 50));
        }
    }

    private static Result run(HttpClient http, String base, int count, int concurrency, String label) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        String body = "{\"prompt\":\"benchmark " + label + " " + i + " a fox in snow\",\"aspectRatio\":\"1:1\"}";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/generations"))
                                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                                .header("Prefer", "wait=60").timeout(Duration.ofSeconds(90))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            long elapsed = System.nanoTime() - t0;
                            Matcher status = STATUS.matcher(response.body());
                            Matcher processing = PROCESSING.matcher(response.body());
                            if (response.statusCode() == 201 && status.find() && status.group(1).equals("success") && processing.find()) {
                                samples.add(new Sample(elapsed, Long.parseLong(processing.group(1))));
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return new Result(samples, System.nanoTime() - start, failures.get());
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void waitUntilUp(HttpClient http, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String arg(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}
