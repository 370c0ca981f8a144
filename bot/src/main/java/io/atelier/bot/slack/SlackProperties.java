package io.atelier.bot.slack;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack settings. The bot is on when {@code atelier.slack.bot-token} is set; it then needs the
 * signing secret (HTTP mode, requests to {@code /slack/events}) or the app-level token (Socket
 * Mode, no public URL), or both.
 *
 * @param botToken          {@code xoxb-…} bot token for the Web API
 * @param signingSecret     verifies HTTP requests (HMAC-SHA256 over {@code v0:ts:body})
 * @param appToken          {@code xapp-…} app-level token with {@code connections:write}: Socket Mode
 * @param apiUrl            Web API base (default {@code https://slack.com/api/}); test doubles and proxies
 * @param moderationChannel channel id where publish requests are posted with Approve/Reject
 * @param moderatorGroup    user group id whose members may approve, reject and delete others' images
 * @param updateInterval    least time between two {@code chat.update} calls (Tier 3: ~50 per minute)
 * @param postInterval      least time between two {@code chat.postMessage} calls to one channel (~1 per second)
 * @param progressInterval  least time between two progress edits of one message
 * @param maxAttempts       calls tried at most this often on 429/5xx/network errors before giving up
 * @param clientId          the app's client id: with the client secret, the OAuth install flow
 *                          ({@code /slack/install}, {@code /slack/oauth_redirect}) serves many workspaces
 * @param clientSecret      the app's client secret
 * @param scopes            bot scopes asked for at install (comma-separated)
 * @param redirectUri       the redirect URL registered with the app ({@code https://host/slack/oauth_redirect})
 * @param moderationWorkspace the workspace whose token posts API and agent publish requests (OAuth set-ups
 *                          without a bot-token); null: the configured bot token
 */
@ConfigurationProperties("atelier.slack")
public record SlackProperties(
        String botToken,
        String signingSecret,
        String appToken,
        URI apiUrl,
        String moderationChannel,
        String moderatorGroup,
        Duration updateInterval,
        Duration postInterval,
        Duration progressInterval,
        Integer maxAttempts,
        String clientId,
        String clientSecret,
        String scopes,
        String redirectUri,
        String moderationWorkspace) {

    /** What the bot does: commands, messages, uploads, reading shared files, the Home tab, mentions, moderator groups. */
    static final String DEFAULT_SCOPES = "commands,chat:write,files:write,files:read,app_mentions:read,usergroups:read,im:write,users:read,channels:history,groups:history";
    static final URI DEFAULT_API_URL = URI.create("https://slack.com/api/");

    public SlackProperties {
        botToken = blankToNull(botToken);
        signingSecret = blankToNull(signingSecret);
        appToken = blankToNull(appToken);
        moderationChannel = blankToNull(moderationChannel);
        moderatorGroup = blankToNull(moderatorGroup);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        redirectUri = blankToNull(redirectUri);
        moderationWorkspace = blankToNull(moderationWorkspace);
        scopes = blankToNull(scopes) == null ? DEFAULT_SCOPES : scopes.strip();
        if (apiUrl == null) {
            apiUrl = DEFAULT_API_URL;
        }
        if (!apiUrl.toString().endsWith("/")) {
            apiUrl = URI.create(apiUrl + "/");
        }
        if (updateInterval == null) {
            updateInterval = Duration.ofMillis(1200);
        }
        if (postInterval == null) {
            postInterval = Duration.ofSeconds(1);
        }
        if (progressInterval == null) {
            progressInterval = Duration.ofSeconds(2);
        }
        if (maxAttempts == null) {
            maxAttempts = 4;
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("atelier.slack.max-attempts must be at least 1");
        }
    }

    boolean httpMode() {
        return signingSecret != null;
    }

    /** The OAuth install flow is on: many workspaces, each with its own token. */
    boolean oauth() {
        return clientId != null && clientSecret != null;
    }

    boolean socketMode() {
        return appToken != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Never print the secrets. */
    @Override
    public String toString() {
        return "SlackProperties[apiUrl=" + apiUrl + ", http=" + httpMode() + ", socketMode=" + socketMode()
                + ", moderationChannel=" + moderationChannel + ", moderatorGroup=" + moderatorGroup + ", oauth=" + oauth() + "]";
    }
}
