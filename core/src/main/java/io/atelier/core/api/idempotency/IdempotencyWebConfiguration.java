package io.atelier.core.api.idempotency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers {@link IdempotencyInterceptor} after the API key interceptor (order 1 against its 0),
 * and runs the cleanup of expired keys every hour on every instance (an idempotent {@code DELETE},
 * so instances need not coordinate).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyWebConfiguration implements WebMvcConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyWebConfiguration.class);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    private final IdempotencyInterceptor interceptor;
    private final ScheduledExecutorService cleaner;

    IdempotencyWebConfiguration(IdempotencyInterceptor interceptor, IdempotencyStore store, IdempotencyProperties properties) {
        this.interceptor = interceptor;
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idempotency-cleanup");
            t.setDaemon(true);
            return t;
        });
        if (properties.enabled()) {
            cleaner.scheduleWithFixedDelay(() -> {
                try {
                    int removed = store.deleteExpired();
                    log.debug("removed {} expired idempotency key(s)", removed);
                } catch (RuntimeException e) {
                    log.warn("cleaning expired idempotency keys failed: {}", e.toString());
                }
            }, CLEANUP_EVERY.toMinutes(), CLEANUP_EVERY.toMinutes(), TimeUnit.MINUTES);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/**")
                .excludePathPatterns("/actuator/**", "/error", "/files/**").order(1);
    }

    @Override
    public void destroy() {
        cleaner.shutdownNow();
    }
}
