/**
 * The bootable application: the main class that puts every module of io.atelier on one Spring
 * context, and the container's health probe.
 */
@ApplicationModule(displayName = "Application")
package io.atelier.app;

import org.springframework.modulith.ApplicationModule;
