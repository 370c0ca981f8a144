/**
 * The Discord bot (JDA): one class per slash command that owns its buttons, an explicit registry;
 * work leaves JDA's event threads at once.
 */
@ApplicationModule(displayName = "Discord bot")
package io.atelier.bot.discord;

import org.springframework.modulith.ApplicationModule;
