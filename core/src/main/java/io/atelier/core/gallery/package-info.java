/**
 * The public gallery: publishing, review by moderators, reports and appeals.
 */
@ApplicationModule(displayName = "Gallery")
package io.atelier.core.gallery;

import org.springframework.modulith.ApplicationModule;
