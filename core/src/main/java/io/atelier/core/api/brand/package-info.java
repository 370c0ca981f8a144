/**
 * The brand-kit routes of the native API.
 */
@ApplicationModule(displayName = "Brand kit API")
package io.atelier.core.api.brand;

import org.springframework.modulith.ApplicationModule;
