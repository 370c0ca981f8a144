package io.atelier.core.generation;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.generation.GenerationService.GeneratedImage;
import io.atelier.core.generation.GenerationService.ImagePage;
import io.atelier.core.generation.GenerationService.Page;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The read side: a team's generations and images, with the live progress of the ones running on
 * this instance, and where a queued one stands. Another team's generation is never found.
 *
 * <p>Public for the reads other features make of generation data (chat's ETA and quotas, the
 * gallery's open public requests): they call these methods instead of querying the
 * {@code generations} table themselves.
 */
@Component
public class GenerationQueries {

    private final GenerationRepository repository;
    private final ImageRepository images;
    private final ImageStore store;
    private final LiveProgress progress;
    private final GenerationDispatcher dispatcher;

    GenerationQueries(GenerationRepository repository, ImageRepository images, ImageStore store, LiveProgress progress,
                      GenerationDispatcher dispatcher) {
        this.repository = repository;
        this.images = images;
        this.store = store;
        this.progress = progress;
        this.dispatcher = dispatcher;
    }

    Optional<Generation> find(Caller caller, String id) {
        if (!Ids.isUuid(id)) {
            return Optional.empty();
        }
        return repository.find(id).filter(g -> g.teamId().equals(caller.teamId())).map(progress::overlay);
    }

    Page list(Caller caller, GenerationStatus status, int limit, int offset) {
        List<Generation> items = repository.list(caller.teamId(), status, limit, offset).stream().map(progress::overlay).toList();
        long total = repository.count(caller.teamId(), status);
        return new Page(items, limit, offset, total);
    }

    ImagePage listImages(Caller caller, String presetId, String search, Collection<String> searchPresetIds, int limit, int offset) {
        String pattern = search == null || search.isBlank() ? null : "%" + likeEscape(search.strip().toLowerCase(Locale.ROOT)) + "%";
        Collection<String> byName = pattern == null || searchPresetIds == null ? List.of() : searchPresetIds;
        List<GenerationRepository.ImageRef> refs = repository.imagePage(caller.teamId(), presetId, pattern, byName, limit, offset);
        long total = repository.countImages(caller.teamId(), presetId, pattern, byName);
        Map<String, Generation> byId = new HashMap<>();
        repository.findAllWithImages(refs.stream().map(GenerationRepository.ImageRef::generationId).distinct().toList())
                .forEach(g -> byId.put(g.id(), g));
        List<GeneratedImage> items = new ArrayList<>();
        for (GenerationRepository.ImageRef ref : refs) {
            Generation g = byId.get(ref.generationId());
            if (g == null) {
                continue; // deleted between the two reads
            }
            g.outcome().images().stream().filter(i -> i.id().equals(ref.imageId())).findFirst()
                    .ifPresent(image -> items.add(new GeneratedImage(g, image)));
        }
        return new ImagePage(List.copyOf(items), limit, offset, total);
    }

    Optional<GeneratedImage> findImage(Caller caller, String imageId) {
        if (!Ids.isUuid(imageId)) {
            return Optional.empty();
        }
        return images.findById(imageId).filter(i -> i.teamId().equals(caller.teamId()))
                .flatMap(i -> find(caller, i.generationId()).flatMap(g -> g.outcome().images().stream()
                        .filter(x -> x.id().equals(imageId)).findFirst().map(x -> new GeneratedImage(g, x))));
    }

    Optional<InputStream> openImage(StoredImage image) {
        try {
            return store.open(image.contentHash());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read image " + image.id(), e);
        }
    }

    /**
     * Where a queued generation stands: exact when it waits in a lane of this instance (round robin
     * over the teams, ETA from the lane's recent run times), else counted from the database.
     */
    QueueEstimate queueEstimate(Generation generation) {
        if (generation.status() != GenerationStatus.QUEUED) {
            return new QueueEstimate(0, null);
        }
        return dispatcher.estimate(generation.id())
                .orElseGet(() -> new QueueEstimate(repository.queuedBefore(generation.id()), null));
    }

    Map<GenerationStatus, Long> countsByStatus() {
        return repository.countsByStatus();
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * The mean processing time of the model's latest {@code recent} successes (an ETA for work
     * queued on another instance), empty when it has none.
     */
    public Optional<Long> averageProcessingMillis(String model, int recent) {
        List<Long> times = repository.recentProcessingTimes(model, recent);
        return times.isEmpty() ? Optional.empty()
                : Optional.of((long) times.stream().mapToLong(Long::longValue).average().orElse(0));
    }

    /** Ids of the team's queued and running generations (few: they are what a team has in flight). */
    public List<String> activeIds(String teamId) {
        return repository.activeIds(teamId);
    }

    /** A succeeded generation that asked to be public, and its team. */
    public record PublicRequest(String id, String teamId) {
    }

    /** Succeeded generations that asked to be public and have no gallery entry yet, oldest first. */
    public List<PublicRequest> publicRequestsWithoutGalleryEntry(int limit) {
        return repository.publicRequestsWithoutGalleryEntry(limit);
    }
}
