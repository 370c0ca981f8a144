/**
 * The native HTTP API (/api/v1): generations, images, models, teams, presets, templates, the admin
 * routes.
 */
@ApplicationModule(displayName = "Native API")
package io.atelier.core.api.v1;

import org.springframework.modulith.ApplicationModule;
