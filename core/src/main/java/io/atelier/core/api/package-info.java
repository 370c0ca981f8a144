/**
 * Web plumbing shared by every HTTP surface: key authentication, rate limits, body limits and
 * strict JSON, security headers, error dialects. The dialects are nested modules below it and
 * never use each other.
 */
@ApplicationModule(displayName = "Web plumbing")
package io.atelier.core.api;

import org.springframework.modulith.ApplicationModule;
