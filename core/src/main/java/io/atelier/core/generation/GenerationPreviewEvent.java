package io.atelier.core.generation;

import io.atelier.core.provider.ProviderContext;

/**
 * A provider showed an intermediate image of a running generation (a live preview). Published
 * in-process by the worker on its own thread, as the provider offers it; a listener that keeps it
 * ({@code io.atelier.core.preview.GenerationPreviews}) throttles and must never block for long.
 */
public record GenerationPreviewEvent(String generationId, ProviderContext.Preview preview) {
}
