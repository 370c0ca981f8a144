package io.atelier.core.gallery;

/**
 * A gallery entry entered review or was decided (published, approved, rejected, hidden, withdrawn),
 * published in process after the change committed. Only a shortcut for listeners that mirror the
 * review elsewhere (the chat bots' moderation posts): they must also find changes by reading the
 * gallery, since an event is lost with the process that would have sent it.
 */
public record GalleryEntryChanged(String generationId, GalleryStatus status) {
}
