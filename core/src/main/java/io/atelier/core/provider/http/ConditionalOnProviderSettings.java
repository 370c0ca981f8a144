package io.atelier.core.provider.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * A provider switches on when its credentials or address exist: at least one of the named
 * properties has text (an API key for hosted providers, a base URL for self-hosted ones, either for
 * an OpenAI-compatible server). The one condition of every provider's auto-configuration, so a
 * provider's on-switch is one line where its configuration is declared, and the condition report
 * says which property was found or missed.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ProviderSettingsCondition.class)
public @interface ConditionalOnProviderSettings {

    /** The provider, as the condition report names it (e.g. "Gemini image provider"). */
    String provider();

    /** Properties of which at least one must have text, e.g. {@code atelier.providers.gemini.api-key}. */
    String[] anyOf();
}
