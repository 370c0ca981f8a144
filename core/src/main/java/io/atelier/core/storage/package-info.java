/**
 * Content-addressed image storage (file system or S3) and image URLs.
 */
@ApplicationModule(displayName = "Image storage")
package io.atelier.core.storage;

import org.springframework.modulith.ApplicationModule;
