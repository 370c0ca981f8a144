/**
 * The OpenAPI 3.1 description and Swagger UI groups of the HTTP surfaces.
 */
@ApplicationModule(displayName = "OpenAPI description")
package io.atelier.core.api.openapi;

import org.springframework.modulith.ApplicationModule;
