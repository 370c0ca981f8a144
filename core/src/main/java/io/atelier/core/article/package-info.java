/**
 * Articles whose illustrations are generated (the Cuppa dialect's article routes).
 */
@ApplicationModule(displayName = "Articles")
package io.atelier.core.article;

import org.springframework.modulith.ApplicationModule;
