package io.atelier.core.provider.replicate;

import io.atelier.core.provider.http.ApiKeyCondition;

/** Matches when {@code atelier.providers.replicate.api-key} has text. */
class ReplicateProviderCondition extends ApiKeyCondition {

    ReplicateProviderCondition() {
        super("atelier.providers.replicate.api-key", "Replicate image provider");
    }
}
