package io.atelier.core.jobs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dead-execution detection without waiting, for the common crash: this instance restarting after its
 * predecessor on the same host and data directory died ({@code kill -9}, an OOM kill, a container
 * restart). db-scheduler revives a dead instance's jobs only once their heartbeats are
 * {@code heartbeat-interval × missed-heartbeats} old (30 s by default, sized so that a GC pause or a
 * database hiccup never revives a live job), which chat users see as a frozen message.
 *
 * <p>Each engine writes its name, host, pid and process start time to {@code job-engine.instance} in the
 * data directory when it starts. The next start on the same host reads it: when that process is
 * certainly gone (no process with that pid, or one that started at another time, as after a
 * container restart where the pid is 1 again), the rows it had picked are released at once and the
 * new engine picks them up in its first poll. Anything uncertain (another host, an unreadable file,
 * the process still alive) is left to the heartbeat rule.
 */
final class PredecessorRevival {

    static final String FILE = "job-engine.instance";
    private static final Logger log = LoggerFactory.getLogger(PredecessorRevival.class);

    private final JdbcClient jdbc;
    private final Path file;
    private final String name;

    PredecessorRevival(DataSource dataSource, Path dataDir, String name) {
        this.jdbc = JdbcClient.create(dataSource);
        this.file = dataDir.resolve(FILE);
        this.name = name;
    }

    /** What a started engine records about itself. */
    record Record(String name, String host, long pid, Instant started) {
        String line() {
            return name + " " + host + " " + pid + " " + started.toEpochMilli();
        }

        static Optional<Record> parse(String line) {
            String[] p = line.strip().split(" ");
            if (p.length != 4) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Record(p[0], p[1], Long.parseLong(p[2]), Instant.ofEpochMilli(Long.parseLong(p[3]))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Releases the dead predecessor's rows (if it is certainly dead) and records this instance; returns the rows released. */
    int run() {
        Record me = current();
        int released = 0;
        Optional<Record> before = read();
        if (before.isPresent() && dead(before.get(), me)) {
            released = jdbc.sql("""
                            UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL, version = version + 1
                            WHERE picked = TRUE AND picked_by = ?""")
                    .param(before.get().name()).update();
            if (released > 0) {
                log.info("Job engine: the previous process on this host ({}) is gone; its {} running job(s) resume now",
                        before.get().name(), released);
            }
        }
        write(me);
        return released;
    }

    /** Dead for certain: same host, and no process with its pid started when it did. */
    static boolean dead(Record before, Record me) {
        if (!before.host().equals(me.host()) || before.name().equals(me.name())) {
            return false;
        }
        if (before.pid() == me.pid()) {
            // Our own pid: a container restart (pid 1 again). It was us only if it started when we did.
            return !before.started().equals(me.started());
        }
        Optional<ProcessHandle> process = ProcessHandle.of(before.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && !sameMillis(started.get(), before.started());
    }

    private static boolean sameMillis(Instant a, Instant b) {
        return Math.abs(a.toEpochMilli() - b.toEpochMilli()) < 1000;
    }

    private Record current() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(Instant.EPOCH);
        return new Record(name, host(), self.pid(), Instant.ofEpochMilli(started.toEpochMilli()));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replace(' ', '_');
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private Optional<Record> read() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Record.parse(lines.getFirst());
        } catch (IOException e) {
            log.debug("{} unreadable: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private void write(Record me) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, me.line() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Job engine: could not record this instance in {} ({}); a crash is then detected by heartbeats only",
                    file, e.toString());
        }
    }
}
