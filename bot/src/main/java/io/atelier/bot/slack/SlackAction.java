package io.atelier.bot.slack;

/**
 * A button click on one of our messages.
 *
 * @param actionId    the button's {@code action_id} (a chat component id)
 * @param value       the button's value
 * @param channelId   where the message is
 * @param messageTs   the clicked message
 * @param threadTs    its thread, when in one
 * @param responseUrl for ephemeral replies
 */
record SlackAction(SlackUser user, String actionId, String value, String channelId, String messageTs, String threadTs,
                   String responseUrl, String triggerId) {
}
