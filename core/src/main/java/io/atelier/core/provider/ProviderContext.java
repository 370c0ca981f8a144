package io.atelier.core.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Handed to {@link ImageProvider#generate}: where progress goes and whether to stop.
 *
 * <p>Threading: both methods may be called from any thread; {@link #progress} is cheap and
 * throttled by the receiver, so providers may call it as often as the backend reports.
 */
public interface ProviderContext {

    /** Reports progress; percent is 0–100, eta null when unknown. */
    void progress(Progress progress);

    /**
     * Offers an intermediate image of the work in progress (AUTOMATIC1111's {@code current_image},
     * ComfyUI's preview frames), for a live preview. The default ignores it. Receivers throttle and
     * shrink previews themselves, so providers may offer every one the backend sends; a provider
     * must never fail because a preview could not be taken.
     */
    default void preview(Preview preview) {
    }

    /** True once the generation was canceled or the worker is shutting down. */
    boolean isCancelled();

    /**
     * Asks to be told of a cancel: {@code onCancel} runs once, on the canceling thread, when this
     * call is canceled (at once if it already is), until the returned watch is closed. The watch
     * says how long a waiter may block before checking {@link #isCancelled()} itself: forever for
     * a context that signals every cancel, a short poll interval (the default) for one that cannot.
     */
    default CancelWatch watchCancel(Runnable onCancel) {
        return CancelWatch.POLL;
    }

    /** A registration of {@link #watchCancel}; closing it forgets the action. */
    interface CancelWatch extends AutoCloseable {
        /** For contexts that cannot signal: check every 50 ms. */
        CancelWatch POLL = () -> TimeUnit.MILLISECONDS.toNanos(50);
        /** For contexts that signal every cancel, or are never canceled. */
        CancelWatch SIGNALLED = () -> Long.MAX_VALUE;

        /** The longest a waiter may block before checking {@link #isCancelled()} again. */
        long pollNanos();

        @Override
        default void close() {
        }
    }

    /**
     * Where to write images while they arrive, instead of holding them whole (see {@link ImageSink}).
     * Providers that receive images as a stream use it; the default keeps them in memory.
     */
    default ImageSink imageSink() {
        return ImageSink.IN_MEMORY;
    }

    /** Throws {@link ProviderException.Canceled} when canceled or interrupted. */
    default void throwIfCancelled() throws ProviderException.Canceled {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new ProviderException.Canceled();
        }
    }

    /**
     * Progress of one provider call.
     *
     * @param percent    0–100
     * @param step       current step (sampling step, image index …), 0 when unknown
     * @param totalSteps total steps, 0 when unknown
     * @param eta        time left, or null
     * @param message    short human text, or null
     */
    record Progress(int percent, int step, int totalSteps, Duration eta, String message) {
        public Progress {
            percent = Math.clamp(percent, 0, 100);
        }

        public static Progress percent(int percent, String message) {
            return new Progress(percent, 0, 0, null, message);
        }
    }

    /**
     * An intermediate image.
     *
     * @param bytes    encoded image (PNG or JPEG as the backend sent it)
     * @param mimeType its media type
     */
    record Preview(byte[] bytes, String mimeType) {
        public Preview {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** A context that ignores progress and is never canceled: for benchmarks and direct calls. */
    static ProviderContext detached() {
        return new ProviderContext() {
            @Override
            public void progress(Progress progress) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public CancelWatch watchCancel(Runnable onCancel) {
                return CancelWatch.SIGNALLED;
            }
        };
    }
}
