package io.atelier.core.provider.stability;

import io.atelier.core.provider.http.ApiKeyCondition;

/** Matches when {@code atelier.providers.stability.api-key} has text. */
class StabilityProviderCondition extends ApiKeyCondition {

    StabilityProviderCondition() {
        super("atelier.providers.stability.api-key", "Stability image provider");
    }
}
