package io.atelier.core.llm;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code atelier.llm.base-url} or {@code atelier.llm.api-key} has text. Unlike
 * {@code @ConditionalOnProperty}, an empty value ({@code ATELIER_LLM_API_KEY=}) leaves the LLM off;
 * read through the {@link Binder}, so every relaxed spelling counts.
 */
class LlmCondition extends SpringBootCondition {

    static final String BASE_URL = "atelier.llm.base-url";
    static final String API_KEY = "atelier.llm.api-key";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition("LLM (chat model)");
        for (String property : new String[] {BASE_URL, API_KEY}) {
            if (StringUtils.hasText(binder.bind(property, Bindable.of(String.class)).orElse(null))) {
                return ConditionOutcome.match(message.found("property").items(property));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("property with text").items(BASE_URL, API_KEY));
    }
}
