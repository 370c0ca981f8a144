package io.atelier.app;

import java.util.Map;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The real application with the Slack bot on in HTTP mode and Socket Mode at once, its Web API pointed at a
 * {@link FakeSlack}, and a slow {@code local/preview} (so a pending message is seen before the
 * result). Requests are signed as Slack signs them ({@link SlackRequests}).
 */
@TestPropertySource(properties = {
        "atelier.slack.bot-token=xoxb-test-token",
        "atelier.slack.signing-secret=" + SlackTestSupport.SIGNING_SECRET,
        "atelier.slack.app-token=xapp-1-test-token",
        "atelier.slack.update-interval=20ms",
        "atelier.slack.post-interval=20ms",
        "atelier.slack.moderator-group=SMODS",
        "atelier.slack.moderation-channel=CMODS",
        "atelier.chat.delivery.progress-interval=300ms",
        "atelier.moderation.blocklist=forbiddenword",
        "atelier.providers.local.latency=1500ms",
        "atelier.data-dir=${atelier.test-root}/slack"
})
abstract class SlackTestSupport extends GalleryTestSupport {

    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    /** Members of the moderators' user group ({@code SMODS}): the bot caches membership for a minute, so it is fixed here. */
    static final String MODERATOR = "UMOD";
    static final FakeSlack SLACK = new FakeSlack();

    static {
        SLACK.groupMembers(Set.of(MODERATOR));
    }

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("atelier.slack.api-url", SLACK::apiUrl);
    }

    SlackRequests.Answer postSigned(String body, String contentType) {
        return postSigned(body, contentType, SlackRequests.now(), Map.of());
    }

    SlackRequests.Answer postSigned(String body, String contentType, long timestamp, Map<String, String> extraHeaders) {
        return SlackRequests.post(port, body, contentType, Long.toString(timestamp),
                SlackRequests.sign(SIGNING_SECRET, timestamp, body), extraHeaders);
    }

    SlackRequests.Answer post(String body, String contentType, String timestamp, String signature, Map<String, String> extraHeaders) {
        return SlackRequests.post(port, body, contentType, timestamp, signature, extraHeaders);
    }
}
