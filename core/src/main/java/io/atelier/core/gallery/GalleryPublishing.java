package io.atelier.core.gallery;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.prompt.moderation.BlocklistMatch;
import io.atelier.core.storage.StoredImage;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owners' side of an entry's life: publishing (the prompt moderated again, a thumbnail made on the
 * calling thread), withdrawing, appealing a rejection, and the system entering generations that
 * asked to be public when they succeed.
 */
final class GalleryPublishing {

    private final GalleryRepository repository;
    private final GenerationService generations;
    private final TransactionTemplate tx;
    private final GalleryAdmission admission;
    private final GalleryThumbnails thumbnails;
    private final GalleryChanges changes;

    GalleryPublishing(GalleryRepository repository, GenerationService generations, TransactionTemplate tx,
                      GalleryAdmission admission, GalleryThumbnails thumbnails, GalleryChanges changes) {
        this.repository = repository;
        this.generations = generations;
        this.tx = tx;
        this.admission = admission;
        this.thumbnails = thumbnails;
        this.changes = changes;
    }

    /**
     * Proposes the owner's succeeded generation for the public gallery: PENDING_REVIEW, or APPROVED
     * when auto-approve applies; see {@link GalleryService#publish(Caller, String, Actor)}.
     */
    GalleryEntry publish(Caller owner, String generationId, Actor actor, String requestId) {
        Generation generation = ownedGeneration(owner, generationId);
        Optional<GalleryEntry> existing = repository.find(generationId);
        if (existing.isPresent()) {
            GalleryStatus status = existing.get().status();
            if (status == GalleryStatus.PENDING_REVIEW || status == GalleryStatus.APPROVED) {
                return existing.get();
            }
            if (status == GalleryStatus.REJECTED) {
                throw GalleryException.conflict("GALLERY_REJECTED", "generation " + generationId
                        + " was rejected by a moderator; the owner may appeal the rejection once instead of publishing again");
            }
            if (status == GalleryStatus.HIDDEN) {
                throw GalleryException.conflict("GALLERY_HIDDEN", "generation " + generationId + " was hidden by a moderator");
            }
        }
        if (generation.status() != GenerationStatus.SUCCEEDED || generation.outcome().images().isEmpty()) {
            throw GalleryException.conflict("GALLERY_NOT_PUBLISHABLE", "generation " + generationId + " is "
                    + generation.status() + "; only a succeeded generation with an image can be published"
                    + " (or submit it with publicRequested to enter review when it succeeds)");
        }
        admission.moderate(owner, generation);
        return enter(generation, existing.orElse(null), actor, admission.author(owner, actor),
                admission.approvesAtOnce(owner, actor), requestId);
    }

    /** Takes the owner's entry out of the gallery and the queue; see {@link GalleryService#withdraw}. */
    GalleryEntry withdraw(Caller owner, String generationId, Actor actor, String requestId) {
        GalleryEntry entry = ownedEntry(owner, generationId);
        String teamId = entry.teamId();
        for (int attempt = 0; attempt < 3; attempt++) {
            GalleryStatus before = entry.status();
            Instant now = Timestamps.now();
            Boolean done = tx.execute(s -> {
                if (before != GalleryStatus.WITHDRAWN
                        && !repository.transition(generationId, before, GalleryStatus.WITHDRAWN, null, null, false, now)) {
                    return false;
                }
                repository.audit(actor, AuditAction.WITHDRAW, generationId, teamId, before, GalleryStatus.WITHDRAWN,
                        null, null, requestId, now);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                return changes.changed(generationId);
            }
            entry = changes.reload(generationId);
        }
        throw GalleryChanges.concurrentChange(generationId);
    }

    /**
     * Appeals the entry's latest rejection: back to PENDING_REVIEW with the owner's message. One
     * appeal per rejection ({@code GALLERY_APPEAL_USED} after that).
     */
    GalleryAppeal appeal(Caller owner, String generationId, String message, Actor actor, String requestId) {
        GalleryEntry entry = ownedEntry(owner, generationId);
        String text = GalleryInput.requireText("message", message, GalleryInput.MAX_NOTE);
        if (entry.status() != GalleryStatus.REJECTED) {
            throw GalleryException.conflict("GALLERY_NOT_REJECTED", "only a rejected entry can be appealed; generation "
                    + generationId + " is " + entry.status());
        }
        int round = entry.rejections();
        if (repository.appealExists(generationId, round)) {
            throw GalleryException.conflict("GALLERY_APPEAL_USED", "this rejection was already appealed once");
        }
        Instant now = Timestamps.now();
        String id = Ids.uuid();
        Boolean done = tx.execute(s -> {
            if (!repository.transition(generationId, GalleryStatus.REJECTED, GalleryStatus.PENDING_REVIEW, "appeal",
                    entry.note(), false, now)) {
                return false;
            }
            repository.insertAppeal(id, generationId, round, text, now);
            repository.audit(actor, AuditAction.APPEAL, generationId, entry.teamId(), GalleryStatus.REJECTED,
                    GalleryStatus.PENDING_REVIEW, "appeal", text, requestId, now);
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw GalleryChanges.concurrentChange(generationId);
        }
        return repository.appeals(generationId).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Enters a generation submitted with {@code publicRequested} into review once it has succeeded
     * (idempotent: an existing entry is left alone). A prompt that no longer passes the blocklists
     * is recorded as rejected by the system instead, so it is not retried. Called by the finish
     * event listener and the periodic sweep ({@link GalleryRequestedSweep}).
     */
    void enterRequested(String generationId, String teamId) {
        if (repository.find(generationId).isPresent()) {
            return;
        }
        Caller owner = new Caller(teamId, Actor.SYSTEM_ID, false);
        Optional<Generation> found = generations.find(owner, generationId);
        if (found.isEmpty() || found.get().status() != GenerationStatus.SUCCEEDED
                || found.get().outcome().images().isEmpty()) {
            return;
        }
        Generation generation = found.get();
        Actor system = Actor.system();
        GalleryAdmission.Screening screening = admission.screen(teamId, generation);
        Optional<BlocklistMatch> blocked = screening.blocked();
        String author = admission.teamName(teamId);
        if (blocked.isPresent()) {
            Instant now = Timestamps.now();
            try {
                tx.executeWithoutResult(s -> {
                    repository.insert(generation, GalleryStatus.REJECTED, author, now);
                    repository.transition(generationId, GalleryStatus.REJECTED, GalleryStatus.REJECTED, "blocked-prompt",
                            "rule " + blocked.get().rule().id(), true, now);
                    repository.audit(system, AuditAction.PUBLISH_BLOCKED, generationId, teamId, null, GalleryStatus.REJECTED,
                            "blocked-prompt", "rule " + blocked.get().rule().id(), null, now);
                });
            } catch (DuplicateKeyException raced) {
                // another instance entered it first
            }
            return;
        }
        enter(generation, null, system, author, !screening.unchecked() && admission.approvesTeam(teamId), null);
    }

    private GalleryEntry enter(Generation generation, GalleryEntry existing, Actor actor, String author, boolean autoApprove,
                               String requestId) {
        String id = generation.id();
        StoredImage cover = generation.outcome().images().getFirst();
        Optional<GalleryThumbnails.Stored> thumbnail = existing != null && existing.thumbnailHash() != null
                ? Optional.empty() : thumbnails.make(cover);
        GalleryStatus status = autoApprove ? GalleryStatus.APPROVED : GalleryStatus.PENDING_REVIEW;
        Instant now = Timestamps.now();
        try {
            Boolean done = tx.execute(s -> {
                GalleryStatus before = existing == null ? null : existing.status();
                if (existing == null) {
                    repository.insert(generation, status, author, now);
                } else if (!repository.republish(id, status, author, now)) {
                    return false;
                }
                if (thumbnail.isPresent()) {
                    repository.setThumbnail(id, cover.id(), thumbnail.get().hash(), thumbnail.get().mimeType());
                } else if (existing == null || existing.imageId() == null) {
                    repository.setThumbnail(id, cover.id(), null, null);
                }
                repository.audit(actor, AuditAction.PUBLISH, id, generation.teamId(), before, GalleryStatus.PENDING_REVIEW,
                        null, null, requestId, now);
                if (autoApprove) {
                    repository.audit(Actor.system(), AuditAction.AUTO_APPROVE, id, generation.teamId(), GalleryStatus.PENDING_REVIEW,
                            GalleryStatus.APPROVED, "auto-approve", null, requestId, now);
                }
                return true;
            });
            if (!Boolean.TRUE.equals(done)) {
                throw GalleryChanges.concurrentChange(id);
            }
        } catch (DuplicateKeyException raced) {
            // A concurrent publish of the same generation won; its entry is the answer.
        }
        return changes.changed(id);
    }

    private Generation ownedGeneration(Caller owner, String generationId) {
        if (!Ids.isUuid(generationId)) {
            throw GalleryException.notFound(generationId);
        }
        return generations.find(owner, generationId).orElseThrow(() -> GalleryException.notFound(generationId));
    }

    private GalleryEntry ownedEntry(Caller owner, String generationId) {
        return (Ids.isUuid(generationId) ? repository.find(generationId).filter(e -> e.teamId().equals(owner.teamId()))
                : Optional.<GalleryEntry>empty()).orElseThrow(() -> GalleryException.notFound(generationId));
    }
}
