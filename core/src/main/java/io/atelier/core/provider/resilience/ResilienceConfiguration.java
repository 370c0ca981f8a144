package io.atelier.core.provider.resilience;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link ResilienceProperties} and reports the providers' circuit breakers under
 * {@code /actuator/health} as {@code providerCircuits}: always UP (an open breaker is handled by
 * failing or falling back, and must not make an orchestrator restart the service), with each
 * provider's breaker state as a detail.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

    @Bean
    HealthIndicator providerCircuitsHealthIndicator(ResilientProviderInvoker invoker) {
        return () -> {
            Health.Builder health = Health.up();
            for (Map.Entry<String, CircuitBreaker.State> state : invoker.states().entrySet()) {
                health.withDetail(state.getKey(), state.getValue().name());
            }
            return health.build();
        };
    }
}
