/**
 * Live previews of running generations: small JPEGs any instance can show in a chat message.
 */
@ApplicationModule(displayName = "Previews")
package io.atelier.core.preview;

import org.springframework.modulith.ApplicationModule;
