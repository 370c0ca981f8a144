/**
 * Language-model access (LangChain4j chat models) for prompt enhancement and image description.
 */
@ApplicationModule(displayName = "LLM")
package io.atelier.core.llm;

import org.springframework.modulith.ApplicationModule;
