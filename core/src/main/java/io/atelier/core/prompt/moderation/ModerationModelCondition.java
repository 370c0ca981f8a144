package io.atelier.core.prompt.moderation;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code atelier.moderation.model.base-url} or {@code .api-key} has text (an empty
 * value leaves the model off), in any relaxed form.
 */
class ModerationModelCondition extends SpringBootCondition {

    static final String BASE_URL = "atelier.moderation.model.base-url";
    static final String API_KEY = "atelier.moderation.model.api-key";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition("prompt moderation model");
        for (String property : new String[] {BASE_URL, API_KEY}) {
            if (StringUtils.hasText(binder.bind(property, Bindable.of(String.class)).orElse(null))) {
                return ConditionOutcome.match(message.found("property").items(property));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("property with text").items(BASE_URL, API_KEY));
    }
}
