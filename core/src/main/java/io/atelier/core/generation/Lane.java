package io.atelier.core.generation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * One bulkhead of the engine: at most {@code limit} generations of one provider (or model) run at
 * once on this instance, each on a thread of the lane's executor; the rest wait in a fair queue.
 *
 * <p>Fairness between teams is round robin: each team's generations keep their order, and a team
 * joining a backlog starts after at most one generation of each team already waiting. A
 * generation whose lane is idle starts at once, with no queue in between.
 *
 * <p>Thread-safe: every state change happens under the lane's lock, and the work itself (the
 * provider call) runs outside it.
 */
final class Lane {

    /**
     * A generation about to run, or waiting for a place in the lane.
     *
     * @param started true when it is PROCESSING already (it took a free place at submit)
     */
    record Waiting(Generation generation, boolean started) {
        String id() {
            return generation.id();
        }
    }

    private final String key;
    private final int limit;
    private final ExecutorService executor;
    private final Consumer<Waiting> runner;
    private final Map<String, ArrayDeque<Waiting>> byTeam = new HashMap<>();
    /** Teams with waiting work, in the order they get their next turn. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int running;
    private int waiting;
    private boolean accepting = true;
    /** Exponentially weighted mean run time in milliseconds, -1 before the first run. */
    private double meanRunMillis = -1;

    /**
     * @param runner runs one generation on an executor thread (it must call {@link #finished} at the end)
     */
    Lane(String key, int limit, ExecutorService executor, Consumer<Waiting> runner) {
        this.key = key;
        this.limit = limit;
        this.executor = executor;
        this.runner = runner;
    }

    String key() {
        return key;
    }

    int limit() {
        return limit;
    }

    /** Takes a place now when one is free and nobody waits (the caller then calls {@link #startReserved}). */
    synchronized boolean tryReserve() {
        if (accepting && running < limit && waiting == 0) {
            running++;
            return true;
        }
        return false;
    }

    /** Gives back a place reserved with {@link #tryReserve} that will not be used. */
    void cancelReservation() {
        finished(-1);
    }

    /** Runs a generation on the place {@link #tryReserve} took for it. */
    void startReserved(Generation generation) {
        execute(new Waiting(generation, true));
    }

    /** Queues a generation; it starts as soon as the lane has room and its team's turn comes. */
    void enqueue(Generation generation) {
        List<Waiting> start;
        synchronized (this) {
            ArrayDeque<Waiting> queue = byTeam.computeIfAbsent(generation.teamId(), team -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                turns.addLast(generation.teamId());
            }
            queue.addLast(new Waiting(generation, false));
            waiting++;
            start = takeStartable();
        }
        start.forEach(this::execute);
    }

    /**
     * Called by the runner when a generation ended (whatever the outcome): frees its place and
     * starts the next ones.
     *
     * @param runMillis how long the provider work took, for ETAs; negative = not a complete run
     */
    void finished(long runMillis) {
        List<Waiting> start;
        synchronized (this) {
            running--;
            if (runMillis >= 0) {
                meanRunMillis = meanRunMillis < 0 ? runMillis : 0.8 * meanRunMillis + 0.2 * runMillis;
            }
            start = takeStartable();
        }
        start.forEach(this::execute);
    }

    /** Removes a waiting generation; false when it is not waiting here. */
    synchronized boolean remove(String generationId) {
        for (Map.Entry<String, ArrayDeque<Waiting>> team : byTeam.entrySet()) {
            Iterator<Waiting> it = team.getValue().iterator();
            while (it.hasNext()) {
                if (it.next().id().equals(generationId)) {
                    it.remove();
                    waiting--;
                    if (team.getValue().isEmpty()) {
                        turns.remove(team.getKey());
                        byTeam.remove(team.getKey());
                    }
                    return true;
                }
            }
        }
        return false;
    }

    synchronized boolean isWaiting(String generationId) {
        return position(generationId).isPresent();
    }

    /** Ids of every waiting generation. */
    synchronized List<String> waitingIds() {
        List<String> ids = new ArrayList<>(waiting);
        byTeam.values().forEach(queue -> queue.forEach(w -> ids.add(w.id())));
        return ids;
    }

    /**
     * Stops taking work and hands back everything waiting (to be released for other instances).
     * Running generations go on.
     */
    synchronized List<Waiting> close() {
        accepting = false;
        List<Waiting> all = new ArrayList<>(waiting);
        for (String team : turns) {
            all.addAll(byTeam.get(team));
        }
        byTeam.clear();
        turns.clear();
        waiting = 0;
        return all;
    }

    synchronized int running() {
        return running;
    }

    /**
     * How many generations start before this waiting one (round robin over the teams), and when it
     * should start: the lane's mean run time for each round of {@code limit} ahead of it.
     */
    synchronized Optional<QueueEstimate> estimate(String generationId) {
        return position(generationId).map(ahead -> new QueueEstimate(ahead,
                meanRunMillis < 0 ? null : Duration.ofMillis(Math.round(meanRunMillis * (ahead / limit + 1)))));
    }

    private Optional<Long> position(String generationId) {
        int turn = 0;
        for (String team : turns) {
            int index = 0;
            for (Waiting w : byTeam.get(team)) {
                if (w.id().equals(generationId)) {
                    return Optional.of(ahead(turn, index));
                }
                index++;
            }
            turn++;
        }
        return Optional.empty();
    }

    /** Waiting generations that start before the {@code index}-th of the team at {@code turn}. */
    private long ahead(int turn, int index) {
        long ahead = index;
        int t = 0;
        for (String team : turns) {
            if (t != turn) {
                // Round robin: every team before this one in the turn order gets index + 1 turns first,
                // every team after it index turns.
                ahead += Math.min(byTeam.get(team).size(), t < turn ? index + 1 : index);
            }
            t++;
        }
        return ahead;
    }

    private List<Waiting> takeStartable() {
        List<Waiting> start = List.of();
        while (accepting && running < limit && waiting > 0) {
            String team = turns.pollFirst();
            ArrayDeque<Waiting> queue = byTeam.get(team);
            Waiting next = queue.pollFirst();
            if (queue.isEmpty()) {
                byTeam.remove(team);
            } else {
                turns.addLast(team);
            }
            waiting--;
            running++;
            if (start.isEmpty()) {
                start = new ArrayList<>();
            }
            start.add(next);
        }
        return start;
    }

    private void execute(Waiting next) {
        try {
            executor.execute(() -> runner.accept(next));
        } catch (RuntimeException rejected) {
            // The executor is shut down (the application is stopping): the generation stays in the
            // database with its job row, which another instance or the next start revives.
            finished(-1);
        }
    }

    void shutdownExecutor() {
        executor.shutdown();
    }
}
