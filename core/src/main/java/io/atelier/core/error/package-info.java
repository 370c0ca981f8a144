/**
 * The one error vocabulary: {@link io.atelier.core.error.ErrorCode} (every stable code with its
 * kind), {@link io.atelier.core.error.ErrorKind} and the root {@link io.atelier.core.error.AtelierException};
 * every surface renders an error by its kind.
 */
@ApplicationModule(displayName = "Errors")
package io.atelier.core.error;

import org.springframework.modulith.ApplicationModule;
