package io.atelier.core.gallery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What every change of an entry ends with: the entry read again after its transaction, and
 * in-process listeners told (after the commit) that it changed.
 */
final class GalleryChanges {

    private static final Logger log = LoggerFactory.getLogger(GalleryChanges.class);

    private final GalleryRepository repository;
    private final ApplicationEventPublisher events;

    GalleryChanges(GalleryRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    GalleryEntry reload(String generationId) {
        return repository.find(generationId).orElseThrow(() -> GalleryException.notFound(generationId));
    }

    /** The entry as it is now, after telling the listeners it changed. */
    GalleryEntry changed(String generationId) {
        GalleryEntry entry = reload(generationId);
        try {
            events.publishEvent(new GalleryEntryChanged(entry.generationId(), entry.status()));
        } catch (RuntimeException e) {
            // A listener's failure is not the decision's: the change is committed, the sweeps find it.
            log.warn("a listener of gallery changes failed for {}", entry.generationId(), e);
        }
        return entry;
    }

    /** The answer to a compare-and-set lost three times in a row. */
    static GalleryException concurrentChange(String generationId) {
        return GalleryException.conflict("GALLERY_CONFLICT", "generation " + generationId
                + " was changed by someone else at the same time; reload and try again");
    }
}
