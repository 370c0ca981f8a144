package io.atelier.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Restart-to-resumed for chat (issue 20): how long a Slack message whose job was running when the
 * server was killed ({@code kill -9}) stays stale after the server comes back.
 *
 * <p>Each round: the executable jar runs as a child process (fresh data directory, embedded database,
 * Slack bot in HTTP mode against a small fake Slack Web API in this process, {@code local/preview} with
 * {@code --latency} of simulated work); a signed {@code /imagine} is posted; once its message shows
 * progress, the server is killed with {@code destroyForcibly} (SIGKILL) and started again on the same data
 * directory. Measured, from the moment the new process is launched:
 * <ul>
 *   <li><b>restart→resuming</b>: the message is edited to say "Resuming after a restart";</li>
 *   <li><b>restart→done</b>: the message shows the finished image;</li>
 *   <li>and, for comparison, <b>restart→ready</b>: the server answers {@code /actuator/health}.</li>
 * </ul>
 * A result without a "resuming" edit or that never finishes within 3 minutes counts as a failure.
 *
 * <p>Arguments: {@code --jar PATH} (default config/target/atelier.jar), {@code --rounds N} (5),
 * {@code --latency DURATION} (8s, the simulated image time: long enough to kill mid-job).
 */
public final class ChatRestartBenchmark {

    private static final String SECRET = "bench-signing-secret-0123456789ab";
    private static final String KEY = "bench-admin-key-0123456789abcdef";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private ChatRestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(arg(args, "--jar", "config/target/atelier.jar"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "5"));
        String latency = arg(args, "--latency", "8s");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar.toAbsolutePath() + "; build it with ./mvnw -DskipTests package");
        }
        System.out.printf(Locale.ROOT, "chat restart benchmark: %s, JDK %s, %d cores, %d rounds, image latency %s%n",
                jar.getFileName(), Runtime.version(), Runtime.getRuntime().availableProcessors(), rounds, latency);
        List<long[]> results = new ArrayList<>();
        int failures = 0;
        for (int round = 1; round <= rounds; round++) {
            try (FakeSlack slack = new FakeSlack()) {
                long[] r = round(jar, latency, slack, round);
                if (r == null) {
                    failures++;
                } else {
                    results.add(r);
                    System.out.printf(Locale.ROOT, "round %d: restart->ready %d ms, restart->resuming %d ms, restart->done %d ms%n",
                            round, r[0], r[1], r[2]);
                }
            }
        }
        report("restart->ready", results, 0);
        report("restart->resuming", results, 1);
        report("restart->done", results, 2);
        System.out.println("failed rounds: " + failures);
    }

    /** One kill-and-restart; returns {ready, resuming, done} in ms after the new process was launched, or null. */
    private static long[] round(Path jar, String latency, FakeSlack slack, int round) throws Exception {
        Path dataDir = Files.createTempDirectory("atelier-restart-bench-");
        int port = freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Process first = start(jar, dataDir, port, slack, latency, "first");
        try {
            waitUntilUp(http, port, first, System.nanoTime());
            String channel = "CBENCH" + round;
            postSigned(http, port, slashCommand(channel, "a lighthouse in a storm, round " + round));
            FakeSlack.Call posted = slack.await(c -> c.method().equals("chat.postMessage") && channel.equals(c.param("channel")));
            String ts = posted.ts();
            if (ts == null) {
                return null;
            }
            slack.await(c -> c.method().equals("chat.update") && ts.equals(c.param("ts")) && c.body().contains("%25"));
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        int before = slack.calls().size();
        long launched = System.nanoTime();
        Process second = start(jar, dataDir, port, slack, latency, "second");
        try {
            long ready = waitUntilUp(http, port, second, launched);
            FakeSlack.Call resuming = slack.awaitAfter(before, c -> c.method().equals("chat.update") && c.body().contains("Resuming"));
            FakeSlack.Call done = slack.awaitAfter(before, c -> c.method().equals("chat.update") && c.body().contains("slack_file"));
            if (resuming == null || done == null) {
                return null;
            }
            return new long[] {ready, (resuming.at() - launched) / 1_000_000, (done.at() - launched) / 1_000_000};
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static Process start(Path jar, Path dataDir, int port, FakeSlack slack, String latency, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--atelier.data-dir=" + dataDir, "--atelier.bootstrap-api-key=" + KEY,
                "--atelier.slack.bot-token=xoxb-bench", "--atelier.slack.signing-secret=" + SECRET,
                "--atelier.slack.api-url=" + slack.apiUrl(), "--atelier.slack.update-interval=50ms",
                "--atelier.slack.post-interval=50ms", "--atelier.chat.delivery.progress-interval=500ms",
                "--atelier.providers.local.latency=" + latency,
                "--logging.structured.format.console=", "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server-" + name + ".log").toFile())
                .start();
    }

    private static void report(String name, List<long[]> results, int column) {
        if (results.isEmpty()) {
            System.out.println(name + ": no successful round");
            return;
        }
        List<Long> values = new ArrayList<>(results.stream().map(r -> r[column]).toList());
        Collections.sort(values);
        System.out.printf(Locale.ROOT, "%s over %d rounds: min %d ms, median %d ms, max %d ms%n", name, values.size(),
                values.getFirst(), values.get(values.size() / 2), values.getLast());
    }

    private static String slashCommand(String channel, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy");
        f.put("team_id", "TBENCH");
        f.put("team_domain", "bench");
        f.put("channel_id", channel);
        f.put("channel_name", "bench");
        f.put("user_id", "UBENCH");
        f.put("user_name", "bench");
        f.put("command", "/imagine");
        f.put("text", text);
        f.put("api_app_id", "ABENCH");
        f.put("response_url", "https://hooks.slack.com/commands/bench");
        f.put("trigger_id", "trig-" + UUID.randomUUID());
        StringBuilder s = new StringBuilder();
        f.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    private static void postSigned(HttpClient http, int port, String body) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/imagine answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Polls the health endpoint; returns ms from {@code since} until it answered 200. */
    private static long waitUntilUp(HttpClient http, int port, Process server, long since) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - since) / 1_000_000;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("the server did not come up within 2 minutes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The Web API calls the bot makes, answered as Slack answers them, each recorded with when it arrived. */
    static final class FakeSlack implements AutoCloseable {

        record Call(String method, Map<String, String> params, String body, long at, String ts) {
            String param(String name) {
                return params.get(name);
            }
        }

        private final HttpServer server;
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final AtomicLong ts = new AtomicLong();
        private final AtomicLong files = new AtomicLong();

        FakeSlack() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/api/", this::api);
            server.createContext("/upload/", e -> send(e, "OK"));
            server.start();
        }

        String apiUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
        }

        List<Call> calls() {
            return List.copyOf(calls);
        }

        Call await(Predicate<Call> p) throws InterruptedException {
            return awaitAfter(0, p);
        }

        Call awaitAfter(int from, Predicate<Call> p) throws InterruptedException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                List<Call> all = calls();
                for (int i = from; i < all.size(); i++) {
                    if (p.test(all.get(i))) {
                        return all.get(i);
                    }
                }
                Thread.sleep(10);
            }
            return null;
        }

        private void api(HttpExchange e) throws IOException {
            long at = System.nanoTime();
            String method = e.getRequestURI().getPath().substring("/api/".length());
            String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String answer = switch (method) {
                case "chat.postMessage" -> {
                    String t = "1700000000." + String.format(Locale.ROOT, "%06d", ts.incrementAndGet());
                    calls.add(new Call(method, params, body, at, t));
                    yield "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + t + "\"}";
                }
                case "chat.update" -> {
                    calls.add(new Call(method, params, body, at, params.get("ts")));
                    yield "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
                }
                case "files.getUploadURLExternal" -> {
                    String id = "F" + files.incrementAndGet();
                    calls.add(new Call(method, params, body, at, null));
                    yield "{\"ok\":true,\"file_id\":\"" + id + "\",\"upload_url\":\"http://127.0.0.1:"
                            + server.getAddress().getPort() + "/upload/" + id + "\"}";
                }
                case "conversations.replies" -> "{\"ok\":true,\"messages\":[]}";
                default -> {
                    calls.add(new Call(method, params, body, at, null));
                    yield "{\"ok\":true}";
                }
            };
            send(e, answer);
        }

        private static void send(HttpExchange e, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            e.sendResponseHeaders(200, bytes.length);
            e.getResponseBody().write(bytes);
            e.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
