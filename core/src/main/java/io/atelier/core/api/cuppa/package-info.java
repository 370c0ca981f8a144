/**
 * The Cuppa dialect of the HTTP API, bulk requests included.
 */
@ApplicationModule(displayName = "Cuppa dialect")
package io.atelier.core.api.cuppa;

import org.springframework.modulith.ApplicationModule;
