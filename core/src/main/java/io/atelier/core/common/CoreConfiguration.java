package io.atelier.core.common;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Switches on the periodic housekeeping of the core (waiter and cancel checks, metric refresh). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CoreConfiguration {
}
