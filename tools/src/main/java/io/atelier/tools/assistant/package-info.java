/**
 * The chat assistant that answers mentions with the agent tools (used by the chat bots).
 */
@NamedInterface("assistant")
package io.atelier.tools.assistant;

import org.springframework.modulith.NamedInterface;
