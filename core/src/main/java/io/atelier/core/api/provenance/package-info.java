/**
 * The provenance routes: signed manifests and permanent, content-addressed image URLs.
 */
@ApplicationModule(displayName = "Provenance API")
package io.atelier.core.api.provenance;

import org.springframework.modulith.ApplicationModule;
