package io.atelier.core.provider.openai;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code atelier.providers.openai.base-url} or {@code atelier.providers.openai.api-key}
 * has text. Unlike {@code @ConditionalOnProperty}, an empty value (an unset variable in a compose file,
 * {@code ATELIER_PROVIDERS_OPENAI_API_KEY=}) leaves the provider off. Read through the {@link Binder},
 * so every relaxed form an operator may use counts ({@code ATELIER_PROVIDERS_OPENAI_BASE_URL},
 * {@code atelier.providers.openai.baseUrl} …).
 */
class OpenAiProviderCondition extends SpringBootCondition {

    static final String BASE_URL = "atelier.providers.openai.base-url";
    static final String API_KEY = "atelier.providers.openai.api-key";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition("OpenAI-compatible image provider");
        for (String property : new String[] {BASE_URL, API_KEY}) {
            boolean set = StringUtils.hasText(binder.bind(property, Bindable.of(String.class)).orElse(null));
            if (set) {
                return ConditionOutcome.match(message.found("property").items(property));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("property with text").items(BASE_URL, API_KEY));
    }
}
