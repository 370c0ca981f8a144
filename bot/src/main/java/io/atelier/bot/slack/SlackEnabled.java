package io.atelier.bot.slack;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Slack bot is on when {@code atelier.slack.bot-token} has a non-blank value, or both
 * {@code atelier.slack.client-id} and {@code client-secret} do (the OAuth install flow); an empty
 * {@code ATELIER_SLACK_BOT_TOKEN=} leaves it off, unlike {@code @ConditionalOnProperty}.
 */
final class SlackEnabled implements Condition {

    static final String BOT_TOKEN = "atelier.slack.bot-token";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return on(context);
    }

    /** A bot token (one workspace), or the OAuth install flow's client id and secret (many). */
    static boolean on(ConditionContext context) {
        return has(context, BOT_TOKEN) || oauth(context);
    }

    static boolean oauth(ConditionContext context) {
        return has(context, "atelier.slack.client-id") && has(context, "atelier.slack.client-secret");
    }

    /** Same rule for another property (signing secret, app token). */
    static boolean has(ConditionContext context, String property) {
        String value = context.getEnvironment().getProperty(property);
        return value != null && !value.isBlank();
    }

    /** HTTP mode: the bot is on and has a signing secret. */
    static final class HttpMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return on(context) && has(context, "atelier.slack.signing-secret");
        }
    }

    /** Socket Mode: the bot is on and has an app-level token. */
    static final class SocketMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return on(context) && has(context, "atelier.slack.app-token");
        }
    }
}
