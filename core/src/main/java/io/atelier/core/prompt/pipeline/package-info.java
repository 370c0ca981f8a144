/**
 * The prompt pipeline that turns a caller's input into the final prompt: resolve (cooldown, inline
 * flags, preset, moderation), then enhance.
 */
@NamedInterface("pipeline")
package io.atelier.core.prompt.pipeline;

import org.springframework.modulith.NamedInterface;
