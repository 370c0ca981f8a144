/**
 * Presets: saved parameter sets with requirements, rendered by the prompt pipeline.
 */
@NamedInterface("preset")
package io.atelier.core.prompt.preset;

import org.springframework.modulith.NamedInterface;
