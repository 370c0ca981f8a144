package io.atelier.bot.discord;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The Discord bot is on when {@code atelier.discord.token} has text. */
class DiscordCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean set = StringUtils.hasText(Binder.get(context.getEnvironment())
                .bind("atelier.discord.token", Bindable.of(String.class)).orElse(null));
        return set ? ConditionOutcome.match("atelier.discord.token is set")
                : ConditionOutcome.noMatch("atelier.discord.token is not set: the Discord bot is off");
    }
}
