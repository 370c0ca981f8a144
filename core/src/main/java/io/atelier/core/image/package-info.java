/**
 * Images uploaded by callers (init and reference images): checked, decoded, size-limited.
 */
@ApplicationModule(displayName = "Uploaded images")
package io.atelier.core.image;

import org.springframework.modulith.ApplicationModule;
