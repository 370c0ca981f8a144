/**
 * Prompt templates, built in and per team.
 */
@NamedInterface("template")
package io.atelier.core.prompt.template;

import org.springframework.modulith.NamedInterface;
