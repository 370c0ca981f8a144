/**
 * Idempotency-Key handling for the HTTP surfaces: a repeated request gets the first answer.
 */
@ApplicationModule(displayName = "Idempotency")
package io.atelier.core.api.idempotency;

import org.springframework.modulith.ApplicationModule;
