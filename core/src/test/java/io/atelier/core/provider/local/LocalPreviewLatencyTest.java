package io.atelier.core.provider.local;

import static io.atelier.core.provider.local.PreviewFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Simulated latency: progress, cancellation and interrupts. The configured latencies are far
 * longer than the test timeouts, so a call that ignored cancellation would hang the test rather
 * than pass; the timeouts only guard against such a hang, they measure nothing.
 */
class LocalPreviewLatencyTest {

    private static final ImageSize SIZE = new ImageSize(64, 64);
    private static final Duration FOREVER = Duration.ofMinutes(10);

    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
        Thread.interrupted();
    }

    private static LocalPreviewProvider withLatency(Duration latency) {
        return new LocalPreviewProvider(new LocalProviderProperties(latency));
    }

    /** Records progress; turns cancelled on its own once a given number of reports arrived. */
    private static final class RecordingContext implements ProviderContext {
        final List<Progress> reports = new CopyOnWriteArrayList<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final CountDownLatch firstReport = new CountDownLatch(1);
        private final int cancelAfter;

        RecordingContext(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(Progress progress) {
            reports.add(progress);
            firstReport.countDown();
            if (reports.size() >= cancelAfter) {
                cancelled.set(true);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancellationDuringSimulatedLatencyThrowsCanceled() {
        RecordingContext context = new RecordingContext(2);

        assertThatThrownBy(() -> withLatency(FOREVER).generate(request("sunset", SIZE, 1), context))
                .isInstanceOf(ProviderException.Canceled.class);
        assertThat(context.reports).hasSize(2).allSatisfy(p -> assertThat(p.message()).isEqualTo("rendering"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancelledBeforeStartRendersNothing() {
        RecordingContext context = new RecordingContext(1);
        context.cancelled.set(true);

        assertThatThrownBy(() -> withLatency(Duration.ZERO).generate(request("sunset", SIZE, 1), context))
                .isInstanceOf(ProviderException.Canceled.class);
        assertThat(context.reports).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void interruptFromAnotherThreadDuringLatencyThrowsCanceledAndKeepsTheFlag() throws Exception {
        RecordingContext context = new RecordingContext(Integer.MAX_VALUE);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<ProviderResult> call = worker.submit(() -> {
            thread.set(Thread.currentThread());
            try {
                return withLatency(FOREVER).generate(request("night city", SIZE, 1), context);
            } finally {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(context.firstReport.await(20, TimeUnit.SECONDS)).isTrue();

        thread.get().interrupt();

        assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ProviderException.Canceled.class);
        assertThat(interruptedAfter.get()).isTrue();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void alreadyInterruptedThreadIsCanceled() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> withLatency(FOREVER).generate(request("lake", SIZE, 1),
                    ProviderContext.detached())).isInstanceOf(ProviderException.Canceled.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void progressRisesThroughTheWaitAndPerImageToOneHundred() throws ProviderException {
        RecordingContext context = new RecordingContext(Integer.MAX_VALUE);

        ProviderResult result = withLatency(Duration.ofMillis(300))
                .generate(request("forest", null, SIZE, 3, 1, null), context);

        assertThat(result.images()).hasSize(3);
        List<ProviderContext.Progress> reports = context.reports;
        assertThat(reports).anySatisfy(p -> assertThat(p.message()).isEqualTo("rendering"));
        assertThat(reports).filteredOn(p -> "rendering".equals(p.message()))
                .allSatisfy(p -> {
                    assertThat(p.percent()).isLessThan(100);
                    assertThat(p.eta()).isNotNull();
                    assertThat(p.totalSteps()).isEqualTo(3);
                });
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).percent()).isGreaterThanOrEqualTo(reports.get(i - 1).percent());
        }
        assertThat(reports).filteredOn(p -> p.message().startsWith("rendered image"))
                .extracting(ProviderContext.Progress::percent, ProviderContext.Progress::step)
                .containsExactly(tuple(33, 1), tuple(66, 2),
                        tuple(100, 3));
    }

    @Test
    void latencyDoesNotChangeThePicture() throws ProviderException {
        byte[] instant = PreviewFixtures.png(withLatency(Duration.ZERO), request("dunes", SIZE, 4));
        byte[] delayed = PreviewFixtures.png(withLatency(Duration.ofMillis(20)), request("dunes", SIZE, 4));

        assertThat(delayed).isEqualTo(instant);
    }
}
