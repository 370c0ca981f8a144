/**
 * The OpenAI images dialect (/v1/images/*), also spoken by OpenAI-compatible clients and SDKs.
 */
@ApplicationModule(displayName = "OpenAI dialect")
package io.atelier.core.api.openai;

import org.springframework.modulith.ApplicationModule;
