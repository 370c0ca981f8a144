/**
 * The v0 dialect of the HTTP API (a drop-in for that public API).
 */
@ApplicationModule(displayName = "v0 dialect")
package io.atelier.core.api.v0;

import org.springframework.modulith.ApplicationModule;
