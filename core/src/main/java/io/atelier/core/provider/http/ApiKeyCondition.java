package io.atelier.core.provider.http;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a hosted provider's {@code api-key} property has text. Hosted APIs cannot be used
 * without a key, so a base URL alone does not switch one on; an empty value (an unset variable in a
 * compose file) leaves it off. Read through the {@link Binder}, so every relaxed form counts
 * ({@code ATELIER_PROVIDERS_GEMINI_API_KEY}, {@code atelier.providers.gemini.apiKey} …).
 */
public abstract class ApiKeyCondition extends SpringBootCondition {

    private final String property;
    private final String what;

    /**
     * @param property the key's property, e.g. {@code atelier.providers.gemini.api-key}
     * @param what     the provider, for the condition report
     */
    protected ApiKeyCondition(String property, String what) {
        this.property = property;
        this.what = what;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition(what);
        boolean set = StringUtils.hasText(binder.bind(property, Bindable.of(String.class)).orElse(null));
        return set ? ConditionOutcome.match(message.found("property").items(property))
                : ConditionOutcome.noMatch(message.didNotFind("property with text").items(property));
    }
}
