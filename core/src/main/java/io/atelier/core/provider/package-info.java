/**
 * The image-provider port (langchain4j style: small interfaces here, one internal package per
 * backend, wire DTOs in internal) and its backends.
 */
@ApplicationModule(displayName = "Providers")
package io.atelier.core.provider;

import org.springframework.modulith.ApplicationModule;
