/**
 * The studio: making images in the browser with a team key.
 */
@ApplicationModule(displayName = "Studio")
package io.atelier.core.api.studio;

import org.springframework.modulith.ApplicationModule;
