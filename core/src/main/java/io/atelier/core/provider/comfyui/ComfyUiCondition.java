package io.atelier.core.provider.comfyui;

import io.atelier.core.provider.http.BaseUrlCondition;

/** On when {@code atelier.providers.comfyui.base-url} has text. */
class ComfyUiCondition extends BaseUrlCondition {

    ComfyUiCondition() {
        super("atelier.providers.comfyui.base-url", "ComfyUI image provider");
    }
}
