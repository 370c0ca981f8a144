/**
 * Provenance: signed records of how an image was made, embedded in PNG text chunks.
 */
@ApplicationModule(displayName = "Provenance")
package io.atelier.core.provenance;

import org.springframework.modulith.ApplicationModule;
