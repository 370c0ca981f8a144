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
 * Matches when a provider's {@code base-url} has text: an empty value (an unset variable in a compose
 * file) leaves the provider off. Read through the {@link Binder}, so every relaxed form counts
 * ({@code ATELIER_PROVIDERS_COMFYUI_BASE_URL}, {@code atelier.providers.comfyui.baseUrl} …).
 */
public abstract class BaseUrlCondition extends SpringBootCondition {

    private final String property;
    private final String name;

    protected BaseUrlCondition(String property, String name) {
        this.property = property;
        this.name = name;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition(name);
        if (StringUtils.hasText(binder.bind(property, Bindable.of(String.class)).orElse(null))) {
            return ConditionOutcome.match(message.found("property").items(property));
        }
        return ConditionOutcome.noMatch(message.didNotFind("property with text").items(property));
    }
}
