/**
 * Prompt enhancement: an LLM with a time limit, and a rule-based fallback.
 */
@NamedInterface("enhance")
package io.atelier.core.prompt.enhance;

import org.springframework.modulith.NamedInterface;
