/**
 * Small things every module may use: properties, ids, time stamps, JSON, the data directory.
 */
@ApplicationModule(displayName = "Common")
package io.atelier.core.common;

import org.springframework.modulith.ApplicationModule;
