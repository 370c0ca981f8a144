/**
 * Durable short jobs on db-scheduler (chat deliveries, moderation posts, sweeps) that survive a
 * crash and run apart from provider calls.
 */
@ApplicationModule(displayName = "Jobs")
package io.atelier.core.jobs;

import org.springframework.modulith.ApplicationModule;
