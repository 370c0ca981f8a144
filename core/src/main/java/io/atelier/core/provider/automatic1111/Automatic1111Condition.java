package io.atelier.core.provider.automatic1111;

import io.atelier.core.provider.http.BaseUrlCondition;

/** On when {@code atelier.providers.automatic1111.base-url} has text. */
class Automatic1111Condition extends BaseUrlCondition {

    Automatic1111Condition() {
        super("atelier.providers.automatic1111.base-url", "AUTOMATIC1111 image provider");
    }
}
