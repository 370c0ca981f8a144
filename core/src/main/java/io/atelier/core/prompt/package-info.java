/**
 * Prompts: what the pipeline's parts share (input, errors, time limits); the parts are named
 * interfaces below it.
 */
@ApplicationModule(displayName = "Prompts")
package io.atelier.core.prompt;

import org.springframework.modulith.ApplicationModule;
