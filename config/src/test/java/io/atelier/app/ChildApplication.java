package io.atelier.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application as a real child JVM (same JDK and classpath as the tests) on a free loopback
 * port, for tests that kill or stop the whole process. Output goes to a log file in the data dir.
 */
final class ChildApplication implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ChildApplication(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ChildApplication start(Path dataDir, String logName, String... extraArgs) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.atelier.app.AtelierApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--atelier.data-dir=" + dataDir,
                "--logging.structured.format.console="));
        command.addAll(List.of(extraArgs));
        Path log = dataDir.resolve(logName);
        Files.createDirectories(dataDir);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildApplication(process, log, port);
    }

    /** Waits for the health endpoint; fails with the child's log when it exits or takes too long. */
    ApiClient waitUntilUp(String apiKey) throws IOException {
        return waitUntilUp(apiKey, Duration.ofSeconds(180));
    }

    /** {@link #waitUntilUp(String)} with a longer limit, for instances starting side by side on two cores. */
    ApiClient waitUntilUp(String apiKey, Duration limit) throws IOException {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port, apiKey);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited:\n" + log());
            }
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return api;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            AppTestSupport.sleep(200);
        }
        throw new AssertionError("the application did not start within " + limit + ":\n" + log());
    }

    /** The child's process id (the job engine names its workers {@code atelier-<pid>-…}). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop. Returns the exit code. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** SIGTERM: Spring's graceful shutdown. Returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
