package io.atelier.core.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: many small write transactions of the hot path (one per submitted generation, one
 * per finished one) run as one database transaction, so that under load a commit, which is most of
 * their cost on the embedded database (a commit rewrites every page it touched), is shared by all
 * of them. Each caller still waits until its own work is committed, and gets its own result or its
 * own exception: a batch in which one unit throws is rolled back and every unit runs again alone.
 * Alone (no concurrent callers) a unit is one transaction, as without this class.
 *
 * <p>Contract for a unit of work: it runs on the writer thread, not the caller's (no thread-locals);
 * it is only statements (it may run twice: once in a batch rolled back, then alone), quick, and it
 * never marks the transaction rollback-only (return a result saying it changed nothing instead).
 *
 * <p>Thread-safe. One writer thread per instance of this class; {@link #close()} lets it finish the
 * units already given, and refuses new ones.
 */
final class GroupCommit implements AutoCloseable {

    /** Units per transaction at most: bounds how long one batch holds its locks. */
    static final int MAX_BATCH = 128;

    private final TransactionTemplate tx;
    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    GroupCommit(String name, TransactionTemplate tx) {
        this.tx = tx;
        this.writer = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /**
     * Runs {@code work} in a transaction shared with other callers' and returns its result once
     * committed; rethrows the exception the work threw (nothing of it is committed then). A caller
     * already in a transaction has the work join that one instead.
     */
    <T> T execute(TransactionCallback<T> work) {
        return execute(0, work);
    }

    /**
     * {@link #execute(TransactionCallback)} with the unit's rank in its batch: units of a lower rank
     * run first, so the locks of a batch are always taken in one order (see {@link GenerationCommits}).
     */
    <T> T execute(int rank, TransactionCallback<T> work) {
        if (!open || TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside the caller's own transaction (it joins it, as a Cuppa bulk submit does), or
            // stopping: run on the caller's thread rather than in a batch.
            return tx.execute(work);
        }
        Unit<T> unit = new Unit<>(rank, work);
        queue.add(unit);
        try {
            return unit.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void loop() {
        List<Unit<?>> batch = new ArrayList<>(MAX_BATCH);
        while (open || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Unit<?>> batch) {
        if (batch.size() == 1) {
            batch.getFirst().runAlone(tx);
            return;
        }
        batch.sort(Comparator.comparingInt(unit -> unit.rank));
        List<Object> results;
        try {
            results = tx.execute(status -> {
                List<Object> each = new ArrayList<>(batch.size());
                for (Unit<?> unit : batch) {
                    each.add(unit.work.doInTransaction(status));
                }
                return each;
            });
        } catch (RuntimeException | Error failed) {
            // One unit (or the commit) failed and nothing of the batch is committed: run each alone, so
            // only the unit at fault fails.
            batch.forEach(unit -> unit.runAlone(tx));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One caller's work and the future it waits on. */
    private static final class Unit<T> {
        final int rank;
        final TransactionCallback<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Unit(int rank, TransactionCallback<T> work) {
            this.rank = rank;
            this.work = work;
        }

        void runAlone(TransactionTemplate tx) {
            try {
                result.complete(tx.execute(work));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }

        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((T) value);
        }
    }
}
