/**
 * The one SSRF-safe fetcher every server-side fetch of a user URL goes through.
 */
@ApplicationModule(displayName = "Safe fetcher")
package io.atelier.core.fetch;

import org.springframework.modulith.ApplicationModule;
