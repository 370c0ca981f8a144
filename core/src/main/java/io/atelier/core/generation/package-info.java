/**
 * The generation engine: submission, per-provider lanes, runs, completion and queries of
 * generations; every surface enters here.
 */
@ApplicationModule(displayName = "Generation")
package io.atelier.core.generation;

import org.springframework.modulith.ApplicationModule;
