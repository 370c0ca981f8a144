/**
 * The Recoup dialect of the HTTP API.
 */
@ApplicationModule(displayName = "Recoup dialect")
package io.atelier.core.api.recoup;

import org.springframework.modulith.ApplicationModule;
