package io.atelier.core.provider.gemini;

import io.atelier.core.provider.http.ApiKeyCondition;

/** Matches when {@code atelier.providers.gemini.api-key} has text. */
class GeminiProviderCondition extends ApiKeyCondition {

    GeminiProviderCondition() {
        super("atelier.providers.gemini.api-key", "Gemini image provider");
    }
}
