/** Discord (JDA) and Slack (Bolt) /imagine bots and what both share: command options, rendering, quotas, durable delivery. */
package io.atelier.bot;
