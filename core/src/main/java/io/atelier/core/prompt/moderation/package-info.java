/**
 * Prompt moderation: blocklists (RE2/J, with a match budget), cooldowns after repeated blocks.
 */
@NamedInterface("moderation")
package io.atelier.core.prompt.moderation;

import org.springframework.modulith.NamedInterface;
