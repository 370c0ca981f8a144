/**
 * The Slack bot (Bolt for Java): {@code /imagine} with Block Kit pending/progress/result messages,
 * buttons, a modal, the App Home tab and the moderators' channel, over HTTP ({@code /slack/events},
 * signed requests) or Socket Mode. Platform-neutral decisions (teams, quotas, options, views, durable
 * delivery) come from {@code io.atelier.bot.chat}; this package speaks Slack. On only with
 * {@code atelier.slack.bot-token}.
 */
@ApplicationModule(displayName = "Slack bot")
package io.atelier.bot.slack;

import org.springframework.modulith.ApplicationModule;
