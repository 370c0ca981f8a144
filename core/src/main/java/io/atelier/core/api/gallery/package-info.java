/**
 * The public gallery's pages and the moderators' console.
 */
@ApplicationModule(displayName = "Gallery pages")
package io.atelier.core.api.gallery;

import org.springframework.modulith.ApplicationModule;
