package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without {@code atelier.slack.bot-token} the Slack bot is off: no beans, no {@code /slack/events}. */
class SlackOffTest extends AppTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void theSlackBotIsOffWhenItHasNoToken() {
        assertThat(context.containsBean("slackApp")).isFalse();
        assertThat(context.containsBean("slackDeliveryChannel")).isFalse();
        String body = SlackRequests.slashCommand("U1", "C1", "hello", "trig-off", "http://127.0.0.1:9/response");
        assertThat(SlackRequests.postSigned(port, "any-secret", body, SlackRequests.FORM, Map.of()).status()).isEqualTo(404);
    }
}
