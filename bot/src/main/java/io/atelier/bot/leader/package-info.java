/**
 * Which instance holds a chat platform's single connection (a lease row in the database), so only
 * one gateway session runs.
 */
@ApplicationModule(displayName = "Bot leadership")
package io.atelier.bot.leader;

import org.springframework.modulith.ApplicationModule;
