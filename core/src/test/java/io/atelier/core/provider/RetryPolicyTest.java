package io.atelier.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(1));

    @Test
    void retriesRetriableFailuresUntilSuccess() throws ProviderException {
        AtomicInteger calls = new AtomicInteger();
        String result = FAST.execute(ProviderContext.detached(), attempt -> {
            calls.incrementAndGet();
            if (attempt < 3) {
                throw ProviderException.Retriable.unavailable("502", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> FAST.execute(ProviderContext.detached(), attempt -> {
            calls.incrementAndGet();
            throw ProviderException.Retriable.timeout("slow", null);
        })).isInstanceOf(ProviderException.Retriable.class).extracting("code").isEqualTo("PROVIDER_TIMEOUT");
        assertThat(calls).hasValue(3);
    }

    @Test
    void neverRetriesNonRetriableFailures() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> FAST.execute(ProviderContext.detached(), attempt -> {
            calls.incrementAndGet();
            throw ProviderException.NonRetriable.contentPolicy("no");
        })).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void honoursRetryAfterAndRefusesOneLongerThanTheCap() {
        ProviderException.Retriable shortWait = ProviderException.Retriable.rateLimited("429", Duration.ofMillis(20));
        assertThat(FAST.backoff(1, shortWait)).isEqualTo(Duration.ofMillis(20));
        ProviderException.Retriable longWait = ProviderException.Retriable.rateLimited("429", Duration.ofMinutes(5));
        assertThat(FAST.backoff(1, longWait)).isNull();
    }

    @Test
    void backoffGrowsAndStaysWithinItsCeiling() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(1));
        ProviderException.Retriable e = ProviderException.Retriable.unavailable("500", null);
        for (int n = 1; n < 8; n++) {
            long ceiling = Math.min(800, 100L << (n - 1));
            assertThat(policy.backoff(n, e).toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void stopsRetryingOnceCanceled() {
        AtomicBoolean canceled = new AtomicBoolean();
        ProviderContext context = new ProviderContext() {
            @Override
            public void progress(Progress progress) {
            }

            @Override
            public boolean isCancelled() {
                return canceled.get();
            }
        };
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> FAST.execute(context, attempt -> {
            calls.incrementAndGet();
            canceled.set(true);
            throw ProviderException.Retriable.unavailable("500", null);
        })).isInstanceOf(ProviderException.Canceled.class);
        assertThat(calls).hasValue(1);
    }
}
