package io.atelier.core.provider.http;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** {@link ConditionalOnProviderSettings}: matches when one of the properties has text (bound, so env vars count). */
final class ProviderSettingsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnProviderSettings.class.getName());
        String provider = (String) attributes.get("provider");
        String[] properties = (String[]) attributes.get("anyOf");
        Binder binder = Binder.get(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition(provider);
        for (String property : properties) {
            if (StringUtils.hasText(binder.bind(property, Bindable.of(String.class)).orElse(null))) {
                return ConditionOutcome.match(message.found("property").items(property));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("property with text").items((Object[]) properties));
    }
}
