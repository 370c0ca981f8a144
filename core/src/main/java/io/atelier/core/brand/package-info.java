/**
 * Brand kits: a team's colours, words and style, applied to prompts by the prompt pipeline.
 */
@ApplicationModule(displayName = "Brand kits")
package io.atelier.core.brand;

import org.springframework.modulith.ApplicationModule;
