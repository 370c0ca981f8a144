package io.atelier.core.generation;

import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.storage.BlobWriter;
import io.atelier.core.storage.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a provider sees of its run: progress goes to {@link LiveProgress} (and out as a
 * {@link GenerationEvent} at most once per interval), cancellation comes from the run's handle,
 * and images it streams are written straight into the image store, hashed on the way.
 *
 * <p>Threading: {@link #progress} and {@link #isCancelled} may be called from any thread; the sink's
 * writers belong to the thread that opened them.
 */
final class RunContext implements ProviderContext {

    private final Generation generation;
    private final RunningGenerations.Handle handle;
    private final LiveProgress progress;
    private final GenerationCompletion completion;
    private final ImageStore store;
    private final long intervalNanos;
    private final List<String> staged = new ArrayList<>();
    private long lastEventNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
    private int lastPercent = -1;

    RunContext(Generation generation, RunningGenerations.Handle handle, LiveProgress progress,
               GenerationCompletion completion, ImageStore store, Duration interval) {
        this.generation = generation;
        this.handle = handle;
        this.progress = progress;
        this.completion = completion;
        this.store = store;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void progress(Progress report) {
        Generation now = progress.report(generation.id(), report);
        boolean publish;
        synchronized (this) {
            long t = System.nanoTime();
            publish = now != null && report.percent() != lastPercent && t - lastEventNanos >= intervalNanos;
            if (publish) {
                lastEventNanos = t;
                lastPercent = report.percent();
            }
        }
        if (publish) {
            completion.publish(now, GenerationEvent.Kind.PROGRESS);
        }
    }

    /** A live preview goes out as an event (kept, throttled and shrunk by its listener). */
    @Override
    public void preview(Preview preview) {
        completion.publishPreview(generation.id(), preview);
    }

    @Override
    public boolean isCancelled() {
        return handle.stopRequested();
    }

    /** Every stop of a run (cancel, shutdown) goes through its handle, which signals it. */
    @Override
    public CancelWatch watchCancel(Runnable onCancel) {
        Runnable forget = handle.onStop(onCancel);
        return new CancelWatch() {
            @Override
            public long pollNanos() {
                return Long.MAX_VALUE;
            }

            @Override
            public void close() {
                forget.run();
            }
        };
    }

    /**
     * Images go straight into the store. Storage failures are thrown unchecked, so a provider reading
     * a response stream never takes them for a transport failure of its backend.
     */
    @Override
    public ImageSink imageSink() {
        return () -> new StoreWriter(open());
    }

    private BlobWriter open() {
        try {
            return store.openWriter();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a blob in the image store", e);
        }
    }

    /** Blobs this run stored (some may belong to an attempt that was retried). */
    synchronized List<String> staged() {
        return List.copyOf(staged);
    }


    private void stagedBlob(String hash) {
        completion.holdBlob(hash);
        synchronized (this) {
            staged.add(hash);
        }
    }

    private final class StoreWriter extends ImageSink.Writer {
        private final BlobWriter blob;

        StoreWriter(BlobWriter blob) {
            this.blob = blob;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                blob.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the image to the image store", e);
            }
        }

        @Override
        public byte[] head() {
            return blob.head();
        }

        @Override
        public long size() {
            return blob.size();
        }

        @Override
        public ProviderResult.GeneratedImage finish(String mimeType, int width, int height, String revisedPrompt) {
            try {
                String hash = blob.commit();
                stagedBlob(hash);
                return ProviderResult.GeneratedImage.stored(hash, blob.size(), mimeType, width, height, revisedPrompt);
            } catch (IOException e) {
                throw new UncheckedIOException("could not store the image", e);
            }
        }

        @Override
        public void close() {
            try {
                blob.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not discard an unfinished image", e);
            }
        }
    }
}
