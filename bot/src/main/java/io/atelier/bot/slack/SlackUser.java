package io.atelier.bot.slack;

/**
 * A Slack user as a verified payload names them.
 *
 * @param workspaceId Slack team id ({@code T…}): the tenant
 * @param userId      Slack user id ({@code U…})
 * @param name        user name when the payload has one, else null
 */
record SlackUser(String workspaceId, String userId, String name) {

    /** The gallery/audit actor id: {@code slack:<workspace>:<user>}. */
    String actorId() {
        return "slack:" + workspaceId + ":" + userId;
    }
}
