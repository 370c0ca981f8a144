/** Which catalog model a requested model name means: the seed documents' names, operators' routes, the preview fallback. */
@ApplicationModule(displayName = "Model routing")
package io.atelier.core.routing;

import org.springframework.modulith.ApplicationModule;
